namespace Satchel.Build.Resolution;

/// <summary>The files and folders a resolution keeps in its work directory.</summary>
internal sealed class WorkLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The result: one wheel per resolved distribution, nothing else.</summary>
    public string Wheels => Path.Combine(Root, "wheels");

    /// <summary>Where pip writes wheels before they are checked against the report and moved to <see cref="Wheels"/>.</summary>
    public string WheelsStaging => Path.Combine(Root, "wheels.partial");

    public string Report => Path.Combine(Root, "report.json");

    public string Logs => Path.Combine(Root, "logs");

    public string ResolveLog => Path.Combine(Logs, "pip-resolve.log");

    public string WheelLog => Path.Combine(Logs, "pip-wheel.log");

    /// <summary>pip's HTTP and wheel cache: private, so the user's cache neither leaks in nor fills up.</summary>
    public string PipCache => Path.Combine(Root, "pip-cache");

    /// <summary>TMPDIR for pip: build-isolation environments and ephemeral caches.</summary>
    public string Temp => Path.Combine(Root, "tmp");
}
