using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Cache;

/// <summary>The in-use lock a running app holds: shared, kept across exec, and seen by prune's exclusive try.</summary>
[Collection(nameof(InheritableDescriptorTests))]
public sealed class InUseLocksTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-inuse");

    private string CompleteDirectory(string name)
    {
        var final = _dir.Combine(name);
        Directory.CreateDirectory(final);
        File.WriteAllText(Path.Combine(final, AtomicDirectory.CompleteMarker), "format=1\n");
        return final;
    }

    [Fact]
    public void A_held_directory_cannot_be_locked_exclusively_until_released()
    {
        var final = CompleteDirectory("unit");
        using (var inUse = new InUseLocks(Log.Quiet))
        {
            Assert.Equal(Completion.Complete, inUse.HoldIfComplete(final));
            Assert.Equal(1, inUse.Count);
            Assert.Null(FileLock.TryAcquire(final + ".lock", exclusive: true));

            // Other readers share it.
            using var other = FileLock.TryAcquire(final + ".lock", exclusive: false);
            Assert.NotNull(other);
        }

        using var prune = FileLock.TryAcquire(final + ".lock", exclusive: true);
        Assert.NotNull(prune);
    }

    [Fact]
    public void An_incomplete_directory_is_reported_and_not_held()
    {
        var final = _dir.Combine("missing");
        Directory.CreateDirectory(final);
        using var inUse = new InUseLocks(Log.Quiet);
        Assert.Equal(Completion.Missing, inUse.HoldIfComplete(final));
        Assert.Equal(0, inUse.Count);
        using var extractor = FileLock.TryAcquire(final + ".lock", exclusive: true);
        Assert.NotNull(extractor);
    }

    [Fact]
    public void The_lock_file_descriptor_survives_exec()
    {
        var final = CompleteDirectory("exec");
        using var inUse = new InUseLocks(Log.Quiet);
        Assert.Equal(Completion.Complete, inUse.HoldIfComplete(final));
        var lockPath = final + ".lock";
        var found = false;
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }

            if (target == lockPath)
            {
                found = true;
                var flags = File.ReadAllLines($"/proc/self/fdinfo/{Path.GetFileName(fd)}").Single(l => l.StartsWith("flags:", StringComparison.Ordinal));
                var value = Convert.ToInt32(flags["flags:".Length..].Trim(), 8);
                const int OCloexec = 0x80000;
                Assert.Equal(0, value & OCloexec);
            }
        }

        Assert.True(found, "the lock file is not open");
    }

    public void Dispose() => _dir.Dispose();
}
