namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// A difference from the venv that a Satchel app has by construction, reviewed and documented
/// (docs/launcher.md, "Checked against pip") rather than hidden by the normaliser: where the venv's
/// normalised stdout has <paramref name="Venv"/>, the app's has <paramref name="App"/>, in every mode,
/// and everything else is identical. The venv must still print <paramref name="Venv"/> and the app
/// <paramref name="App"/>, so an explanation that no longer holds fails instead of lingering.
/// </summary>
/// <param name="Why">Why it differs, shown in the table.</param>
public sealed record ExplainedDifference(string Why, string Venv, string App);
