namespace Satchel.Testing.Wheels;

/// <summary>
/// A binary wheel with a real C extension, compiled here with gcc against one real interpreter's
/// headers (`sysconfig`'s include directory and extension suffix): `import NAME` in that Python
/// version loads it, any other version cannot. The module has one attribute, `BUILT_FOR`, the
/// "major.minor" it was compiled for, and one function, `answer()`, returning it plus "!".
/// </summary>
public static class ExtensionWheel
{
    private const string Source = """
        #define PY_SSIZE_T_CLEAN
        #include <Python.h>

        static PyObject *answer(PyObject *self, PyObject *args) {
            return PyUnicode_FromFormat("%d.%d!", PY_MAJOR_VERSION, PY_MINOR_VERSION);
        }

        static PyMethodDef methods[] = {
            {"answer", answer, METH_NOARGS, "the version this extension was compiled for"},
            {NULL, NULL, 0, NULL},
        };

        static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, MODULE_NAME, NULL, -1, methods};

        PyMODINIT_FUNC INIT_FUNCTION(void) {
            PyObject *m = PyModule_Create(&module);
            if (m != NULL) {
                PyModule_AddObject(m, "BUILT_FOR", PyUnicode_FromFormat("%d.%d", PY_MAJOR_VERSION, PY_MINOR_VERSION));
            }
            return m;
        }
        """;

    /// <summary>Builds NAME-VERSION-cpXY-cpXY-linux_&lt;machine&gt;.whl for <paramref name="python"/> into <paramref name="directory"/>.</summary>
    public static string Build(string python, string name, string version, string directory, string work)
    {
        var facts = ProcessRunner.Run(python, ["-c",
            "import sys, sysconfig, platform; print(sysconfig.get_paths()['include']); print(sysconfig.get_config_var('EXT_SUFFIX')); print('cp%d%d' % sys.version_info[:2]); print(platform.machine())"]);
        if (facts.ExitCode != 0)
        {
            throw new InvalidOperationException($"{python} could not say where its headers are: {facts}");
        }

        var (include, suffix, abi, machine) = facts.StdOut.Split('\n') is [var i, var s, var a, var m, ..] ? (i, s, a, m) : throw new InvalidOperationException(facts.ToString());
        Directory.CreateDirectory(work);
        var source = Path.Combine(work, $"{name}-{abi}.c");
        File.WriteAllText(source, Source);
        var library = Path.Combine(work, name + suffix);
        var gcc = ProcessRunner.Run("gcc", ["-shared", "-fPIC", "-O1", "-I", include, $"-DMODULE_NAME=\"{name}\"", $"-DINIT_FUNCTION=PyInit_{name}", source, "-o", library]);
        if (gcc.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc could not compile the extension for {python}: {gcc}");
        }

        return new WheelBuilder(name, version) { Tag = $"{abi}-{abi}-linux_{machine}", RootIsPurelib = false }
            .AddFile(name + suffix, File.ReadAllBytes(library), executable: true)
            .Build(directory);
    }
}
