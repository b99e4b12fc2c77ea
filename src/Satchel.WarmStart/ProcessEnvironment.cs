using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// The environment the stub was started with (main's envp), and the one it passes on: a copy
/// with variables set and removed, given to execve as a whole.
/// </summary>
internal static unsafe class ProcessEnvironment
{
    private static byte** _entries;
    private static int _count;
    private static int _capacity;

    public static void Init(byte** envp)
    {
        var count = 0;
        while (envp[count] != null)
        {
            count++;
        }

        _capacity = count + 16;
        _entries = (byte**)LibC.malloc(_capacity * sizeof(byte*));
        for (var i = 0; i < count; i++)
        {
            _entries[i] = envp[i];
        }

        _entries[count] = null;
        _count = count;
    }

    /// <summary>The block for execve (NULL-terminated).</summary>
    public static byte** Block => _entries;

    public static int Count => _count;

    public static byte* Entry(int i) => _entries[i];

    public static byte* Get(string name) => Get(CString.From(name));

    /// <summary>The value of NAME, or null when it is not set.</summary>
    public static byte* Get(byte* name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _entries[index] + CString.Length(name) + 1;
    }

    /// <summary>Removes NAME, keeping the order of the rest (as unsetenv(3) does).</summary>
    public static void Unset(byte* name)
    {
        int index;
        while ((index = IndexOf(name)) >= 0)
        {
            for (var i = index; i < _count; i++)
            {
                _entries[i] = _entries[i + 1];
            }

            _count--;
        }
    }

    /// <summary>Sets NAME in place when it exists, else at the end (as setenv(3) does).</summary>
    public static void Set(byte* name, byte* value)
    {
        var entry = CString.Concat(name, CString.From("="), value);
        var index = IndexOf(name);
        if (index >= 0)
        {
            _entries[index] = entry;
            return;
        }

        if (_count + 2 > _capacity)
        {
            _capacity *= 2;
            var grown = (byte**)LibC.malloc(_capacity * sizeof(byte*));
            for (var i = 0; i <= _count; i++)
            {
                grown[i] = _entries[i];
            }

            _entries = grown;
        }

        _entries[_count++] = entry;
        _entries[_count] = null;
    }

    private static int IndexOf(byte* name)
    {
        var length = CString.Length(name);
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            var j = 0;
            while (j < length && entry[j] == name[j])
            {
                j++;
            }

            if (j == length && entry[j] == (byte)'=')
            {
                return i;
            }
        }

        return -1;
    }
}
