using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Eligibility.Architecture.Tests;

/// <summary>Names of the managed assemblies in the Microsoft.NETCore.App shared framework the tests run on.</summary>
public static class SharedFramework
{
    public static IReadOnlySet<string> AssemblyNames { get; } = Load();

    static HashSet<string> Load()
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)
            ?? throw new InvalidOperationException("The core library has no location.");
        // Expected layout: .../shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        if (Path.GetFileName(Path.GetDirectoryName(directory)) != "Microsoft.NETCore.App")
            throw new InvalidOperationException($"{directory} is not a Microsoft.NETCore.App shared framework folder.");

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll"))
        {
            using var pe = new PEReader(File.OpenRead(file));
            if (!pe.HasMetadata)
                continue; // native library
            var metadata = pe.GetMetadataReader();
            if (metadata.IsAssembly)
                names.Add(metadata.GetString(metadata.GetAssemblyDefinition().Name));
        }
        return names;
    }
}
