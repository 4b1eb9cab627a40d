namespace Eligibility.Infrastructure.Files;

/// <summary>Files and folders only the API's own user may read: passwords, keys, checkpoints (modes ignored on Windows).</summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    /// <summary>Writes a new file, created 0600; an existing one is never overwritten (IOException).</summary>
    public static FileStream CreateNew(string path) => new(path, OperatingSystem.IsWindows()
        ? new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write }
        : new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });

    public static void WriteNew(string path, string text)
    {
        using var stream = CreateNew(path);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>0400: what was written once stays as it is.</summary>
    public static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
            File.SetAttributes(path, FileAttributes.ReadOnly);
        else
            File.SetUnixFileMode(path, UnixFileMode.UserRead);
    }

    /// <summary>A folder, 0700 when created here; folders above it, if missing, are ordinary ones (others may need to pass).</summary>
    public static void CreateFolder(string path)
    {
        path = Path.GetFullPath(path);
        if (Path.GetDirectoryName(path) is { } parent)
            Directory.CreateDirectory(parent);
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, OwnerOnlyFolder);
    }
}
