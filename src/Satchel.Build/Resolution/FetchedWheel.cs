namespace Satchel.Build.Resolution;

/// <summary>A report entry paired with the wheel pip fetched or built for it.</summary>
internal sealed record FetchedWheel(ReportEntry Entry, string FileName, string Sha256);
