using Mono.Cecil;

namespace Eligibility.Architecture.Tests;

public static class Layers
{
    public const string Domain = "Eligibility.Domain";
    public const string Application = "Eligibility.Application";
    public const string Infrastructure = "Eligibility.Infrastructure";
    public const string Api = "Eligibility.Api";

    /// <summary>Reads a layer's built assembly from the test output folder, where the build copies all four.</summary>
    public static AssemblyDefinition ReadBuilt(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Built assembly {name} is not next to the tests.", path);
        // InMemory: Cecil reads bodies and attributes lazily, so it must not depend on an open file.
        var assembly = AssemblyDefinition.ReadAssembly(path, new ReaderParameters { InMemory = true });
        ArchitectureRules.RequireAssembly(assembly, name);
        return assembly;
    }

    public static string ProjectFile(string name) =>
        Path.Combine(RepositoryRoot(), "src", name, name + ".csproj");

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Eligibility.sln")))
                return directory.FullName;
        throw new DirectoryNotFoundException($"No Eligibility.sln above {AppContext.BaseDirectory}.");
    }
}
