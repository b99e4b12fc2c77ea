namespace Satchel.Runtime.Interpreters;

/// <summary>
/// The Python that <see cref="InterpreterProbe"/> runs with -E -s -S -B -c (-B: asking an interpreter
/// about itself must not write __pycache__ into its stdlib). It must run on every
/// Python a machine may have, 2.7 included (so that the error can say "2.7.18 does not satisfy
/// &gt;=3.9" rather than "failed to run"), import nothing beyond sys and os (both are loaded
/// before any script runs, so this costs no file reads), and trust nothing in the working
/// directory: it drops the '' entry -c puts on sys.path before importing anything.
/// It writes key=value pairs separated by NUL bytes, paths as the OS encodes them, with the
/// keys of a facts file (<see cref="FactsRecord"/>), except version_info for version.
/// With -S, site never sets sys.prefix for a venv, so the script looks for pyvenv.cfg the way
/// site.venv() does: beside the executable or one level up, the venv being the level up.
/// </summary>
internal static class ProbeScript
{
    public const string Source = """
        import sys
        sys.path[:] = [p for p in sys.path if p]
        import os
        j = os.path.join
        f = os.path.isfile
        def b(v):
            if isinstance(v, bytes):
                return v
            try:
                return os.fsencode(v)
            except AttributeError:
                return v.encode('utf-8')
        i = sys.version_info
        n = getattr(sys, 'implementation', None)
        n = n.name if n else sys.subversion[0].lower()
        a = getattr(sys, 'abiflags', None)
        if a is None:
            a = ''
            if i[0] == 2:
                a = ('d' if hasattr(sys, 'gettotalrefcount') else '') + 'm' + ('u' if sys.maxunicode > 65535 else '')
        try:
            m = os.uname()[4]
        except AttributeError:
            import platform
            m = platform.machine()
        e = sys.executable or ''
        d = os.path.dirname(os.path.abspath(e)) if e else ''
        v = ''
        if d and (f(j(d, 'pyvenv.cfg')) or f(j(os.path.dirname(d), 'pyvenv.cfg'))):
            v = os.path.dirname(d)
        bp = getattr(sys, 'base_prefix', getattr(sys, 'real_prefix', sys.prefix))
        p = v or sys.prefix
        l = os.path.dirname(os.path.abspath(os.__file__))
        r = [('implementation', n), ('version_info', '%d.%d.%d.%s.%d' % tuple(i[:5])), ('abiflags', a), ('machine', m),
             ('executable', e), ('prefix', p), ('base_prefix', bp), ('venv', '1' if p != bp else '0'), ('stdlib', l),
             ('has_venv', '1' if f(j(l, 'venv', '__init__.py')) else '0'),
             ('has_ensurepip', '1' if f(j(l, 'ensurepip', '__init__.py')) else '0')]
        o = getattr(sys.stdout, 'buffer', sys.stdout)
        o.write(b'\0'.join([b(k) + b'=' + b(x) for k, x in r]))
        o.flush()
        """;

    /// <summary>Isolated from the environment (-E), user site (-s) and site (-S); -I would do the first two but 2.7 refuses it.</summary>
    public static readonly string[] Arguments = ["-E", "-s", "-S", "-B", "-c", Source];
}
