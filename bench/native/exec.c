/* The floor of any launcher that execs its entry: a C program that only calls execv.
   Run as `exec ENTRY ARGS...`; its overhead over running ENTRY directly is the goal's yardstick. */
#include <unistd.h>
int main(int argc, char **argv) { (void)argc; execv(argv[1], argv + 1); return 127; }
