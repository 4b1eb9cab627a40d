using System.Xml.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Eligibility.Architecture.Tests;

/// <summary>One broken rule: where in the checked artefact, and what it points at that it must not.</summary>
public sealed record Violation(string Location, string Reference)
{
    public override string ToString() => $"{Location} -> {Reference}";
}

/// <summary>
/// The architecture rules as plain functions over Cecil assemblies and project files, so the same code runs on
/// the built layers and on the deliberately broken fixtures that prove each rule can fail.
/// Every rule takes the name of the assembly (or project) it is meant for and refuses anything else: a rule
/// silently applied to the wrong layer passes for the wrong reason.
/// </summary>
public static class ArchitectureRules
{
    /// <summary>Assembly references whose name is not in <paramref name="frameworkAssemblyNames"/>.</summary>
    public static IReadOnlyList<Violation> NonFrameworkAssemblyReferences(
        AssemblyDefinition assembly, string expectedName, IReadOnlySet<string> frameworkAssemblyNames)
    {
        RequireAssembly(assembly, expectedName);
        return AssemblyReferences(assembly)
            .Where(reference => !frameworkAssemblyNames.Contains(reference.Name))
            .Select(reference => new Violation($"{expectedName}: assembly reference", reference.Name))
            .ToList();
    }

    /// <summary>Assembly references whose name is, or lies under, one of <paramref name="forbidden"/>.</summary>
    public static IReadOnlyList<Violation> ForbiddenAssemblyReferences(
        AssemblyDefinition assembly, string expectedName, IReadOnlyCollection<string> forbidden)
    {
        RequireAssembly(assembly, expectedName);
        return AssemblyReferences(assembly)
            .Where(reference => forbidden.Any(prefix => IsUnder(reference.Name, prefix)))
            .Select(reference => new Violation($"{expectedName}: assembly reference", reference.Name))
            .ToList();
    }

    /// <summary>
    /// Every use of a type whose namespace, or whose defining assembly, is or lies under one of
    /// <paramref name="forbiddenPrefixes"/>: in type headers, member signatures, custom attributes
    /// (including typeof arguments) and method-body operands.
    /// The assembly is checked too, since some packages put extension methods in framework namespaces
    /// (EF Core's AddDbContext lives in Microsoft.Extensions.DependencyInjection).
    /// </summary>
    public static IReadOnlyList<Violation> ForbiddenTypeUsages(
        AssemblyDefinition assembly, string expectedName, IReadOnlyCollection<string> forbiddenPrefixes)
    {
        RequireAssembly(assembly, expectedName);
        var scan = new TypeUsageScan(forbiddenPrefixes);

        scan.Attributes($"{expectedName}: assembly attribute", assembly);
        foreach (var module in assembly.Modules)
        {
            scan.Attributes($"{expectedName}: module attribute", module);
            foreach (var type in module.GetTypes())
                scan.Type(type);
        }

        // Safety net for anything the walk above might not reach: every external type the metadata names is a
        // TypeRef row. Only report those not already found with a more precise location.
        foreach (var module in assembly.Modules)
            foreach (var reference in module.GetTypeReferences())
                if (scan.Violations.All(v => v.Reference != scan.Describe(reference)))
                    scan.Check($"{expectedName}: type reference table", reference);

        return scan.Violations.Distinct().ToList();
    }

    /// <summary>PackageReference, ProjectReference, Reference and FrameworkReference items in a project file.</summary>
    public static IReadOnlyList<Violation> DependencyItemsInProjectFile(string projectFilePath, string expectedProjectName)
    {
        var actual = Path.GetFileNameWithoutExtension(projectFilePath);
        if (actual != expectedProjectName)
            throw new InvalidOperationException(
                $"Rule meant for project {expectedProjectName} was given {projectFilePath}.");

        string[] dependencyItems = ["PackageReference", "ProjectReference", "Reference", "FrameworkReference"];
        var fileName = Path.GetFileName(projectFilePath);
        // LocalName: old-style project files put everything in the MSBuild XML namespace.
        return XDocument.Load(projectFilePath).Descendants()
            .Where(element => dependencyItems.Contains(element.Name.LocalName))
            .Select(element => new Violation(
                $"{fileName}: {element.Name.LocalName}",
                (string?)element.Attribute("Include") ?? (string?)element.Attribute("Update") ?? "(no Include)"))
            .ToList();
    }

    /// <summary>Throws unless <paramref name="assembly"/> is the one the caller means to check.</summary>
    /// <summary>
    /// SQL string literals that would leave state on a pooled connection. The API returns connections to the pool
    /// without a reset (ConnectionDefaults: No Reset On Close), which is only safe while no statement sets session
    /// state: a session-level SET or set_config(…, false), a session advisory lock, LISTEN, or a temporary table that
    /// outlives its transaction. Methods of <paramref name="allowedTypes"/> (and their async state machines) may,
    /// because they run on a connection of their own.
    /// </summary>
    public static IReadOnlyList<Violation> SessionStateSql(AssemblyDefinition assembly, string expectedName, IReadOnlyCollection<string> allowedTypes)
    {
        RequireAssembly(assembly, expectedName);
        var violations = new List<Violation>();
        foreach (var type in assembly.Modules.SelectMany(m => m.GetTypes()))
        {
            var owner = type;
            while (owner.DeclaringType is not null)
                owner = owner.DeclaringType;
            if (allowedTypes.Contains(owner.FullName))
                continue;
            foreach (var method in type.Methods.Where(m => m.HasBody))
                foreach (var literal in method.Body.Instructions.Where(i => i.OpCode == OpCodes.Ldstr).Select(i => (string)i.Operand))
                    foreach (var (pattern, what) in SessionStatePatterns)
                        if (pattern.IsMatch(literal))
                            violations.Add(new Violation($"{owner.FullName}::{method.Name}: {what}", literal.Trim().Split('\n')[0]));
        }
        return violations;
    }

    static readonly (System.Text.RegularExpressions.Regex Pattern, string What)[] SessionStatePatterns =
    [
        (Sql(@"(\A|;)\s*SET\s+(?!LOCAL\b)(SESSION\s+)?[a-z_.]+\s*(=|\bTO\b)"), "session-level SET"),
        (Sql(@"set_config\s*\([^()]*,\s*false\s*\)"), "session-level set_config"),
        (Sql(@"pg_(try_)?advisory_lock(_shared)?\s*\("), "session advisory lock"),
        (Sql(@"(\A|;)\s*LISTEN\b"), "LISTEN"),
        (Sql(@"CREATE\s+(TEMP|TEMPORARY)\s+TABLE(?![^;]*ON\s+COMMIT\s+DROP)"), "temporary table without ON COMMIT DROP"),
    ];

    static System.Text.RegularExpressions.Regex Sql(string pattern) =>
        // Statement starts are the literal's start or a semicolon: an UPDATE's SET on a line of its own is not one.
        new(pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    public static void RequireAssembly(AssemblyDefinition assembly, string expectedName)
    {
        if (assembly.Name.Name != expectedName)
            throw new InvalidOperationException(
                $"Rule meant for assembly {expectedName} was given {assembly.Name.Name}.");
    }

    /// <summary>True when <paramref name="name"/> equals <paramref name="prefix"/> or starts with it plus a dot.</summary>
    public static bool IsUnder(string name, string prefix) =>
        name.Equals(prefix, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase);

    static IEnumerable<AssemblyNameReference> AssemblyReferences(AssemblyDefinition assembly) =>
        assembly.Modules.SelectMany(module => module.AssemblyReferences);

    sealed class TypeUsageScan(IReadOnlyCollection<string> forbiddenPrefixes)
    {
        public List<Violation> Violations { get; } = [];

        public void Type(TypeDefinition type)
        {
            var name = type.FullName;
            Attributes($"{name}: attribute", type);
            if (type.BaseType is not null)
                Check($"{name}: base type", type.BaseType);
            foreach (var implementation in type.Interfaces)
            {
                Check($"{name}: interface", implementation.InterfaceType);
                Attributes($"{name}: interface attribute", implementation);
            }
            GenericParameters(name, type.GenericParameters);

            foreach (var field in type.Fields)
            {
                var where = $"{name}::{field.Name}";
                Check($"{where}: field type", field.FieldType);
                Attributes($"{where}: attribute", field);
            }
            foreach (var property in type.Properties)
            {
                var where = $"{name}::{property.Name}";
                Check($"{where}: property type", property.PropertyType);
                foreach (var parameter in property.Parameters)
                    Check($"{where}: indexer parameter", parameter.ParameterType);
                Attributes($"{where}: attribute", property);
            }
            foreach (var @event in type.Events)
            {
                var where = $"{name}::{@event.Name}";
                Check($"{where}: event type", @event.EventType);
                Attributes($"{where}: attribute", @event);
            }
            foreach (var method in type.Methods)
                Method(method);
        }

        void Method(MethodDefinition method)
        {
            var where = $"{method.DeclaringType.FullName}::{method.Name}"
                + $"({string.Join(", ", method.Parameters.Select(p => p.ParameterType.Name))})";

            Check($"{where}: return type", method.ReturnType);
            Attributes($"{where}: return attribute", method.MethodReturnType);
            foreach (var parameter in method.Parameters)
            {
                Check($"{where}: parameter {parameter.Name}", parameter.ParameterType);
                Attributes($"{where}: parameter attribute", parameter);
            }
            GenericParameters(where, method.GenericParameters);
            Attributes($"{where}: attribute", method);
            foreach (var overridden in method.Overrides)
                Member($"{where}: overrides {overridden.FullName}", overridden);

            if (!method.HasBody)
                return;
            foreach (var variable in method.Body.Variables)
                Check($"{where}: local variable", variable.VariableType);
            foreach (var handler in method.Body.ExceptionHandlers)
                if (handler.CatchType is not null)
                    Check($"{where}: catch clause", handler.CatchType);
            foreach (var instruction in method.Body.Instructions)
                Operand($"{where}: {instruction.OpCode.Name}", instruction.Operand);
        }

        void Operand(string where, object? operand)
        {
            switch (operand)
            {
                case TypeReference type:
                    Check($"{where} {type.FullName}", type);
                    break;
                case MemberReference member:
                    Member($"{where} {member.FullName}", member);
                    break;
                case CallSite callSite:
                    Check($"{where} (calli) return type", callSite.ReturnType);
                    foreach (var parameter in callSite.Parameters)
                        Check($"{where} (calli) parameter", parameter.ParameterType);
                    break;
            }
        }

        void Member(string where, MemberReference member)
        {
            Check(where, member.DeclaringType);
            switch (member)
            {
                case GenericInstanceMethod generic:
                    foreach (var argument in generic.GenericArguments)
                        Check(where, argument);
                    Member(where, generic.ElementMethod);
                    break;
                case MethodReference method:
                    Check(where, method.ReturnType);
                    foreach (var parameter in method.Parameters)
                        Check(where, parameter.ParameterType);
                    break;
                case FieldReference field:
                    Check(where, field.FieldType);
                    break;
            }
        }

        void GenericParameters(string where, IEnumerable<GenericParameter> parameters)
        {
            foreach (var parameter in parameters)
            {
                Attributes($"{where}: generic parameter attribute", parameter);
                foreach (var constraint in parameter.Constraints)
                    Check($"{where}: generic constraint", constraint.ConstraintType);
            }
        }

        public void Attributes(string where, ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Check(where, attribute.AttributeType);
                var arguments = attribute.ConstructorArguments
                    .Concat(attribute.Fields.Select(named => named.Argument))
                    .Concat(attribute.Properties.Select(named => named.Argument));
                foreach (var argument in arguments)
                    AttributeArgument($"{where} argument", argument);
            }
        }

        void AttributeArgument(string where, CustomAttributeArgument argument)
        {
            Check(where, argument.Type);
            switch (argument.Value)
            {
                case TypeReference type: // typeof(...) argument
                    Check(where, type);
                    break;
                case CustomAttributeArgument boxed: // argument passed as object
                    AttributeArgument(where, boxed);
                    break;
                case CustomAttributeArgument[] elements:
                    foreach (var element in elements)
                        AttributeArgument(where, element);
                    break;
            }
        }

        public void Check(string where, TypeReference? type)
        {
            foreach (var named in NamedTypesIn(type))
                if (IsForbidden(named))
                    Violations.Add(new Violation(where, Describe(named)));
        }

        public string Describe(TypeReference type) =>
            type.Scope is AssemblyNameReference assembly ? $"{type.FullName} [{assembly.Name}]" : type.FullName;

        bool IsForbidden(TypeReference type)
        {
            var outermost = type;
            while (outermost.DeclaringType is not null)
                outermost = outermost.DeclaringType;
            return forbiddenPrefixes.Any(prefix =>
                IsUnder(outermost.Namespace, prefix)
                || type.Scope is AssemblyNameReference assembly && IsUnder(assembly.Name, prefix));
        }

        /// <summary>The named types a (possibly constructed) type is built from: List&lt;DbContext&gt;[] yields List`1 and DbContext.</summary>
        static IEnumerable<TypeReference> NamedTypesIn(TypeReference? type)
        {
            switch (type)
            {
                case null:
                case GenericParameter: // checked through its constraints where it is declared
                    yield break;
                case GenericInstanceType generic:
                    foreach (var named in NamedTypesIn(generic.ElementType))
                        yield return named;
                    foreach (var argument in generic.GenericArguments)
                        foreach (var named in NamedTypesIn(argument))
                            yield return named;
                    break;
                case FunctionPointerType pointer:
                    foreach (var named in NamedTypesIn(pointer.ReturnType))
                        yield return named;
                    foreach (var parameter in pointer.Parameters)
                        foreach (var named in NamedTypesIn(parameter.ParameterType))
                            yield return named;
                    break;
                case IModifierType modified: // modreq/modopt
                    foreach (var named in NamedTypesIn(modified.ModifierType))
                        yield return named;
                    foreach (var named in NamedTypesIn(modified.ElementType))
                        yield return named;
                    break;
                case TypeSpecification specification: // arrays, by-ref, pointers, pinned
                    foreach (var named in NamedTypesIn(specification.ElementType))
                        yield return named;
                    break;
                default:
                    yield return type;
                    break;
            }
        }
    }
}
