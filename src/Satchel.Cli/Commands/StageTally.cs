using System.Diagnostics;
using System.Globalization;

namespace Satchel.Cli.Commands;

/// <summary>One build stage as it runs: its totals, the work done so far (added from any thread) and its time.</summary>
internal sealed class StageTally(string name, string? counting, long? items, long? bytes)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _items;
    private long _bytes;

    public string Name => name;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Done out of the total, 0–1, by bytes where their total is known, else by items; null when there is no total.</summary>
    public double? Fraction => bytes is > 0
        ? Math.Min(1, (double)Interlocked.Read(ref _bytes) / bytes.Value)
        : items is > 0 ? Math.Min(1, (double)Interlocked.Read(ref _items) / items.Value) : null;

    public void Add(long doneItems, long doneBytes)
    {
        Interlocked.Add(ref _items, doneItems);
        Interlocked.Add(ref _bytes, doneBytes);
    }

    public void Stop() => _clock.Stop();

    /// <summary>"12/40 wheels, 3.1/42.3 MiB" while running; "40 wheels, 42.3 MiB" once done; "17 distributions found" without a total.</summary>
    public string Counts()
    {
        var parts = new List<string>(2);
        var doneItems = Interlocked.Read(ref _items);
        var doneBytes = Interlocked.Read(ref _bytes);
        if (counting is not null)
        {
            parts.Add(items is { } total && total != doneItems
                ? $"{doneItems.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)} {counting}"
                : $"{doneItems.ToString(CultureInfo.InvariantCulture)} {(doneItems == 1 ? Singular(counting) : counting)}");
        }

        if (bytes is { } totalBytes)
        {
            parts.Add(totalBytes != doneBytes ? $"{Mebibytes(doneBytes)}/{Mebibytes(totalBytes)} MiB" : $"{Mebibytes(totalBytes)} MiB");
        }

        return string.Join(", ", parts);
    }

    /// <summary>The stage's line once it is done: name, what was done, its time ("installing wheels: 12 wheels, 10.2 MiB, 3.1 s").</summary>
    public string Summary()
    {
        var counts = Counts();
        var seconds = Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return counts.Length == 0 ? $"{name}: {seconds} s" : $"{name}: {counts}, {seconds} s";
    }

    /// <summary>"1 distribution found", "1 wheel": what is counted is named in the plural ("distributions found", "wheels"); its first word loses its s.</summary>
    private static string Singular(string counting)
    {
        var space = counting.IndexOf(' ', StringComparison.Ordinal);
        var word = space < 0 ? counting : counting[..space];
        return word.EndsWith('s') ? word[..^1] + counting[word.Length..] : counting;
    }

    private static string Mebibytes(long value) => (value / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
