using Satchel.Testing.Wheels;

namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// The one crafted wheel of the "keyring" set: a keyring backend that keeps passwords in a JSON
/// file (SATCHEL_KEYRING_FILE, default keyring.json in the working directory), which keyring
/// finds only through its entry point (group keyring.backends) in another unit's metadata, and
/// which wins by priority, so `keyring get`/`set` are deterministic without a desktop keyring or
/// D-Bus. With it, `-m satchel_jaraco_probe` shows how the PEP 420 namespace package `jaraco`,
/// split over three distributions, was put together.
/// </summary>
public static class KeyringPluginWheel
{
    public const string Backend = """
        import json
        import os

        from keyring import backend
        from keyring.errors import PasswordDeleteError


        class FileKeyring(backend.KeyringBackend):
            priority = 20

            @property
            def path(self):
                return os.environ.get("SATCHEL_KEYRING_FILE", "keyring.json")

            def _load(self):
                try:
                    with open(self.path, encoding="utf-8") as f:
                        return json.load(f)
                except FileNotFoundError:
                    return {}

            def _save(self, data):
                with open(self.path, "w", encoding="utf-8") as f:
                    json.dump(data, f, indent=1, sort_keys=True)
                    f.write("\n")

            def get_password(self, service, username):
                return self._load().get(service, {}).get(username)

            def set_password(self, service, username, password):
                data = self._load()
                data.setdefault(service, {})[username] = password
                self._save(data)

            def delete_password(self, service, username):
                data = self._load()
                if data.get(service, {}).pop(username, None) is None:
                    raise PasswordDeleteError(f"no password for {username} in {service}")
                self._save(data)

        """;

    // Prints every entry of __path__ (the outputs are normalised: each site-packages becomes {site}),
    // and where each part's module was found, so both how the namespace is assembled and that all
    // three parts resolve are compared.
    public const string Probe = """
        import jaraco
        import jaraco.classes.properties
        import jaraco.context
        import jaraco.functools

        print("namespace package:", jaraco.__spec__.origin is None and jaraco.__file__ is None)
        print("__path__ entries:", len(jaraco.__path__))
        for entry in jaraco.__path__:
            print(" ", entry)
        for module in (jaraco.classes.properties, jaraco.context, jaraco.functools):
            print(module.__name__, module.__file__)
        double_then_add = jaraco.functools.compose(lambda x: x + 1, lambda x: x * 2)
        print("compose:", double_then_add(20))
        with jaraco.context.null():
            print("context: null")

        """;

    /// <summary>Builds the wheel into <paramref name="directory"/> and returns its path.</summary>
    public static string Build(string directory) =>
        new WheelBuilder("satchel-keyring-plugin", "1.0")
            .AddFile("satchel_keyring_plugin.py", Backend)
            .AddFile("satchel_jaraco_probe.py", Probe)
            .AddEntryPoint("keyring.backends", "satchel-file", "satchel_keyring_plugin")
            .Build(directory);
}
