namespace Eligibility.Architecture.Tests;

/// <summary>The architecture rules applied to the built layers.</summary>
public class LayerRulesTests
{
    internal static readonly string[] PersistenceAndWebPrefixes =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql"];

    [Fact]
    public void Domain_references_only_the_framework()
    {
        var domain = Layers.ReadBuilt(Layers.Domain);

        AssertNone(ArchitectureRules.NonFrameworkAssemblyReferences(domain, Layers.Domain, SharedFramework.AssemblyNames));
    }

    [Fact]
    public void Domain_project_file_has_no_package_or_project_references()
    {
        AssertNone(ArchitectureRules.DependencyItemsInProjectFile(Layers.ProjectFile(Layers.Domain), Layers.Domain));
    }

    [Fact]
    public void Application_does_not_reference_infrastructure_or_api()
    {
        var application = Layers.ReadBuilt(Layers.Application);

        AssertNone(ArchitectureRules.ForbiddenAssemblyReferences(
            application, Layers.Application, [Layers.Infrastructure, Layers.Api]));
    }

    [Fact]
    public void Domain_uses_no_ef_core_aspnet_or_npgsql_type()
    {
        var domain = Layers.ReadBuilt(Layers.Domain);

        AssertNone(ArchitectureRules.ForbiddenTypeUsages(domain, Layers.Domain, PersistenceAndWebPrefixes));
    }

    [Fact]
    public void Infrastructure_does_not_reference_api()
    {
        var infrastructure = Layers.ReadBuilt(Layers.Infrastructure);

        AssertNone(ArchitectureRules.ForbiddenAssemblyReferences(infrastructure, Layers.Infrastructure, [Layers.Api]));
    }

    // The rules above pass when they find nothing. This shows they read real, populated assemblies:
    // each layer's metadata does name the layer it builds on, as seen through the same reference rule.
    [Theory]
    [InlineData(Layers.Application, Layers.Domain)]
    [InlineData(Layers.Infrastructure, Layers.Application)]
    [InlineData(Layers.Api, Layers.Infrastructure)]
    public void Each_built_layer_references_the_layer_it_builds_on(string layer, string layerBelow)
    {
        var assembly = Layers.ReadBuilt(layer);

        var found = ArchitectureRules.ForbiddenAssemblyReferences(assembly, layer, [layerBelow]);

        Assert.Equal([new Violation($"{layer}: assembly reference", layerBelow)], found);
    }

    /// <summary>The migration runner holds a session advisory lock on a connection string of its own (not the pool's).</summary>
    internal static readonly string[] OwnConnectionTypes = ["Eligibility.Infrastructure.Database.MigrationRunner"];

    [Theory]
    [InlineData(Layers.Infrastructure)]
    [InlineData(Layers.Api)]
    public void No_sql_leaves_session_state_on_a_pooled_connection(string layer)
    {
        AssertNone(ArchitectureRules.SessionStateSql(Layers.ReadBuilt(layer), layer, OwnConnectionTypes));
    }

    // The rule above passes when it finds nothing; it does read the layer's SQL: the migration runner's lock is found
    // when the runner is not exempt.
    [Fact]
    public void The_session_state_rule_sees_the_migration_runners_lock()
    {
        var found = ArchitectureRules.SessionStateSql(Layers.ReadBuilt(Layers.Infrastructure), Layers.Infrastructure, []);

        Assert.Contains(found, v => v.Location.StartsWith(OwnConnectionTypes[0]) && v.Location.EndsWith("session advisory lock"));
    }

    [Fact]
    public void Shared_framework_list_holds_the_core_assemblies()
    {
        Assert.Contains("System.Runtime", SharedFramework.AssemblyNames);
        Assert.Contains("System.Private.CoreLib", SharedFramework.AssemblyNames);
        Assert.DoesNotContain("Microsoft.AspNetCore.Http", SharedFramework.AssemblyNames);
        Assert.DoesNotContain("Npgsql", SharedFramework.AssemblyNames);
    }

    internal static void AssertNone(IReadOnlyList<Violation> violations)
    {
        if (violations.Count > 0)
            Assert.Fail($"{violations.Count} architecture violation(s):{Environment.NewLine}"
                + string.Join(Environment.NewLine, violations.Select(v => "  " + v)));
    }
}
