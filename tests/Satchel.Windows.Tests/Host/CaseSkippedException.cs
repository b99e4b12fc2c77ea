namespace Satchel.Windows.Tests.Host;

/// <summary>A case cannot run here (no console, Wine lacks the call): counted as skipped, with the reason printed.</summary>
internal sealed class CaseSkippedException(string reason) : Exception(reason);
