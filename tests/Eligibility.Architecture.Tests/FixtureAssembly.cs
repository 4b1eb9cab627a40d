using Mono.Cecil;

namespace Eligibility.Architecture.Tests;

/// <summary>
/// Builds a small assembly with Cecil that pretends to be one of the layers, for proving the rules can fail.
/// External types are plain references (the referenced assemblies need not exist), and <see cref="Build"/>
/// round-trips the image through a stream so the rules see a real PE file, as they do for the built layers.
/// </summary>
public sealed class FixtureAssembly
{
    readonly AssemblyDefinition assembly;

    public FixtureAssembly(string name)
    {
        assembly = AssemblyDefinition.CreateAssembly(
            new AssemblyNameDefinition(name, new Version(1, 0, 0, 0)), name, ModuleKind.Dll);
        // Cecil picks its core library among existing references; without this it would add mscorlib.
        AssemblyReference("System.Runtime");
    }

    public ModuleDefinition Module => assembly.MainModule;

    public TypeReference Void => Module.TypeSystem.Void;

    public TypeReference ExternalType(string assemblyName, string fullName)
    {
        var lastDot = fullName.LastIndexOf('.');
        return new TypeReference(fullName[..lastDot], fullName[(lastDot + 1)..], Module, AssemblyReference(assemblyName));
    }

    public TypeDefinition AddClass(string fullName, TypeReference? baseType = null)
    {
        var lastDot = fullName.LastIndexOf('.');
        var type = new TypeDefinition(
            fullName[..lastDot], fullName[(lastDot + 1)..],
            TypeAttributes.Public | TypeAttributes.Class, baseType ?? Module.TypeSystem.Object);
        Module.Types.Add(type);
        return type;
    }

    public AssemblyDefinition Build()
    {
        using var written = new MemoryStream();
        assembly.Write(written);
        // A fresh stream the read module can keep: Cecil reads method bodies lazily.
        return AssemblyDefinition.ReadAssembly(new MemoryStream(written.ToArray()));
    }

    AssemblyNameReference AssemblyReference(string name)
    {
        var reference = Module.AssemblyReferences.FirstOrDefault(r => r.Name == name);
        if (reference is null)
        {
            reference = new AssemblyNameReference(name, new Version(10, 0, 0, 0));
            Module.AssemblyReferences.Add(reference);
        }
        return reference;
    }
}
