using Satchel.Build.Reproducibility;
using Satchel.Dist;
using Satchel.Runtime.Errors;

// satchel-dist wheel BINARY PLATFORM-TAG OUT-DIR: writes the wheel of the native CLI into OUT-DIR and
// prints its path. The version is the repository's (Directory.Build.props), the time stamps
// SOURCE_DATE_EPOCH's (docs/distribution.md). Run by scripts/build-dist.
try
{
    if (args is not ["wheel", var binaryPath, var platformTag, var outDir])
    {
        throw new SatchelException(ExitCodes.Usage, "usage: satchel-dist wheel BINARY PLATFORM-TAG OUT-DIR");
    }

    if (!File.Exists(binaryPath))
    {
        throw new SatchelException(ExitCodes.NoInput, $"no satchel binary at {binaryPath}: publish it first (scripts/build-dist does)");
    }

    var wheel = new NativeCliWheel(DistVersion.Current, platformTag, File.ReadAllBytes(binaryPath));
    var bytes = WheelArchive.Write(wheel.Members(), SourceDateEpoch.Resolve());
    Directory.CreateDirectory(outDir);
    var path = Path.Combine(outDir, wheel.FileName);
    var partial = path + ".partial";
    File.WriteAllBytes(partial, bytes);
    File.Move(partial, path, overwrite: true);
    Console.WriteLine(path);
    return 0;
}
catch (SatchelException e)
{
    Console.Error.WriteLine($"satchel-dist: {e.Message}");
    return e.ExitCode;
}
catch (IOException e)
{
    Console.Error.WriteLine($"satchel-dist: {e.Message}");
    return ExitCodes.IoError;
}
