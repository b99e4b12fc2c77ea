/* The floor of a process start on this machine: exec, dynamic loading of libc, exit. */
int main(void) { return 0; }
