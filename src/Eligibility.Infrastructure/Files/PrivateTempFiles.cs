using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eligibility.Infrastructure.Files;

/// <summary>
/// Temporary files that hold personal data (uploaded survey files, XLSX exports being built): in a directory only this
/// user can enter (0700), each created 0600 and deleted when closed, so no other account on the machine reads them and
/// none outlives its request. The directory is <c>TempFiles:Directory</c>, by default <c>&lt;temp&gt;/eligibility-&lt;user&gt;</c>.
/// </summary>
public sealed class PrivateTempFiles
{
    public const string Setting = "TempFiles:Directory";

    /// <summary>A file older than this is a leftover of a process that died (no request keeps one this long): swept at start-up.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    const UnixFileMode DirectoryMode = PrivateFiles.OwnerOnlyFolder;

    public PrivateTempFiles(IConfiguration configuration)
    {
        Directory = configuration[Setting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetTempPath(), $"eligibility-{Environment.UserName}");
    }

    public string Directory { get; }

    /// <summary>
    /// A new empty file, open for reading and writing, deleted when the stream is disposed. The directory is made (or
    /// made private again) on each call: another account may have replaced it in a shared temp directory.
    /// </summary>
    public FileStream Create(string purpose)
    {
        EnsureDirectory();
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
            BufferSize = 64 * 1024,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = PrivateFiles.OwnerReadWrite;
        return new FileStream(Path.Combine(Directory, $"{purpose}-{Guid.NewGuid():N}.tmp"), options);
    }

    /// <summary>Deletes the files last written more than <see cref="LeftoverAge"/> ago; returns how many.</summary>
    public int Sweep(DateTime utcNow)
    {
        EnsureDirectory();
        int swept = 0;
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles())
        {
            if (utcNow - file.LastWriteTimeUtc < LeftoverAge)
                continue;
            file.Delete();
            swept++;
        }
        return swept;
    }

    void EnsureDirectory()
    {
        var info = System.IO.Directory.Exists(Directory) ? new DirectoryInfo(Directory)
            : OperatingSystem.IsWindows() ? System.IO.Directory.CreateDirectory(Directory) : System.IO.Directory.CreateDirectory(Directory, DirectoryMode);
        // A link could send the files to a directory someone else can read.
        if (info.LinkTarget is not null)
            throw new IOException($"The temporary directory {Directory} is a symbolic link; remove it or set {Setting}.");
        if (!OperatingSystem.IsWindows() && info.UnixFileMode != DirectoryMode)
            info.UnixFileMode = DirectoryMode;
    }
}

/// <summary>Removes the temporary files a previous process left behind (killed mid-request), before the API serves.</summary>
sealed class TempFileSweep(PrivateTempFiles files, TimeProvider clock, ILogger<TempFileSweep> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        if (files.Sweep(clock.GetUtcNow().UtcDateTime) is var swept and > 0)
            logger.LogWarning("Deleted {Count} leftover temporary file(s) from {Directory}", swept, files.Directory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
