using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Eligibility.Architecture.Tests;

/// <summary>
/// Each rule run on a deliberately broken stand-in for the layer it guards, built with Cecil (or written as a
/// project file), to prove the rule reports the break rather than passing vacuously.
/// </summary>
public class RulesCanFailTests
{
    const string DomainClass = "Eligibility.Domain.Households.Household";
    static readonly string[] Forbidden = LayerRulesTests.PersistenceAndWebPrefixes;

    [Fact]
    public void Rule_detects_a_package_and_a_project_reference_in_the_domain_assembly()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass);
        AddField(household, "connection", fixture.ExternalType("Npgsql", "Npgsql.NpgsqlConnection"));
        AddField(household, "context", fixture.ExternalType(Layers.Application, "Eligibility.Application.Common.CurrentUser"));
        AddField(household, "pattern", fixture.ExternalType("System.Text.RegularExpressions", "System.Text.RegularExpressions.Regex"));

        var violations = ArchitectureRules.NonFrameworkAssemblyReferences(
            fixture.Build(), Layers.Domain, SharedFramework.AssemblyNames);

        Assert.Equal(
            [
                new Violation("Eligibility.Domain: assembly reference", "Npgsql"),
                new Violation("Eligibility.Domain: assembly reference", "Eligibility.Application"),
            ],
            violations);
    }

    [Fact]
    public void Rule_detects_package_and_project_references_in_the_domain_project_file()
    {
        var directory = Directory.CreateTempSubdirectory("arch-tests-");
        try
        {
            var projectFile = Path.Combine(directory.FullName, "Eligibility.Domain.csproj");
            File.WriteAllText(projectFile, """
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <PackageReference Include="Npgsql" />
                    <ProjectReference Include="..\Eligibility.Application\Eligibility.Application.csproj" />
                  </ItemGroup>
                </Project>
                """);

            var violations = ArchitectureRules.DependencyItemsInProjectFile(projectFile, Layers.Domain);

            Assert.Equal(
                [
                    new Violation("Eligibility.Domain.csproj: PackageReference", "Npgsql"),
                    new Violation("Eligibility.Domain.csproj: ProjectReference",
                        @"..\Eligibility.Application\Eligibility.Application.csproj"),
                ],
                violations);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Rule_detects_infrastructure_and_api_references_in_application()
    {
        var fixture = new FixtureAssembly(Layers.Application);
        var service = fixture.AddClass("Eligibility.Application.Households.HouseholdService");
        AddField(service, "store", fixture.ExternalType(Layers.Infrastructure, "Eligibility.Infrastructure.Persistence.HouseholdStore"));
        AddField(service, "errors", fixture.ExternalType(Layers.Api, "Eligibility.Api.Http.Errors"));
        AddField(service, "household", fixture.ExternalType(Layers.Domain, "Eligibility.Domain.Households.Household"));

        var violations = ArchitectureRules.ForbiddenAssemblyReferences(
            fixture.Build(), Layers.Application, [Layers.Infrastructure, Layers.Api]);

        Assert.Equal(
            [
                new Violation("Eligibility.Application: assembly reference", Layers.Infrastructure),
                new Violation("Eligibility.Application: assembly reference", Layers.Api),
            ],
            violations);
    }

    [Fact]
    public void Rule_detects_an_api_reference_in_infrastructure()
    {
        var fixture = new FixtureAssembly(Layers.Infrastructure);
        var store = fixture.AddClass("Eligibility.Infrastructure.Persistence.HouseholdStore");
        AddField(store, "errors", fixture.ExternalType(Layers.Api, "Eligibility.Api.Http.Errors"));
        AddField(store, "service", fixture.ExternalType(Layers.Application, "Eligibility.Application.Households.HouseholdService"));

        var violations = ArchitectureRules.ForbiddenAssemblyReferences(fixture.Build(), Layers.Infrastructure, [Layers.Api]);

        Assert.Equal([new Violation("Eligibility.Infrastructure: assembly reference", Layers.Api)], violations);
    }

    [Theory]
    [InlineData("SET statement_timeout = 0", "session-level SET")]
    [InlineData("BEGIN; SET SESSION search_path TO x; COMMIT", "session-level SET")]
    [InlineData("SELECT set_config('eligibility.audit_chain', $1, false)", "session-level set_config")]
    [InlineData("SELECT pg_advisory_lock(42)", "session advisory lock")]
    [InlineData("LISTEN lists_changed", "LISTEN")]
    [InlineData("CREATE TEMP TABLE staging (n int)", "temporary table without ON COMMIT DROP")]
    public void Rule_detects_sql_that_leaves_session_state(string sql, string what)
    {
        var fixture = new FixtureAssembly(Layers.Infrastructure);
        var store = fixture.AddClass("Eligibility.Infrastructure.Fixture.Store");
        AddMethodLoading(fixture, store, "Run", sql);
        // Transaction-scoped forms and an UPDATE's SET pass.
        AddMethodLoading(fixture, store, "Fine", "SET LOCAL lock_timeout = '1s'; SELECT set_config('a.b', 'c', true); " +
            "SELECT pg_advisory_xact_lock(1); CREATE TEMP TABLE t (n int) ON COMMIT DROP; UPDATE x\n SET a = 1");

        var violations = ArchitectureRules.SessionStateSql(fixture.Build(), Layers.Infrastructure, []);

        Assert.Equal([new Violation($"Eligibility.Infrastructure.Fixture.Store::Run: {what}", sql)], violations);
    }

    static void AddMethodLoading(FixtureAssembly fixture, TypeDefinition type, string name, string literal)
    {
        var method = new MethodDefinition(name, MethodAttributes.Public | MethodAttributes.Static, fixture.Module.TypeSystem.String);
        var il = method.Body.GetILProcessor();
        il.Emit(Mono.Cecil.Cil.OpCodes.Ldstr, literal);
        il.Emit(Mono.Cecil.Cil.OpCodes.Ret);
        type.Methods.Add(method);
    }

    [Fact]
    public void Rule_detects_an_ef_core_field_in_domain()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass);
        AddField(household, "context", fixture.ExternalType("Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.DbContext"));

        var violations = ArchitectureRules.ForbiddenTypeUsages(fixture.Build(), Layers.Domain, Forbidden);

        Assert.Equal(
            [new Violation($"{DomainClass}::context: field type", "Microsoft.EntityFrameworkCore.DbContext [Microsoft.EntityFrameworkCore]")],
            violations);
    }

    [Fact]
    public void Rule_detects_an_aspnet_base_type_and_interface_in_domain()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass, fixture.ExternalType("Microsoft.AspNetCore.Mvc.Core", "Microsoft.AspNetCore.Mvc.ControllerBase"));
        household.Interfaces.Add(new InterfaceImplementation(
            fixture.ExternalType("Microsoft.AspNetCore.Http.Abstractions", "Microsoft.AspNetCore.Http.IResult")));

        var violations = ArchitectureRules.ForbiddenTypeUsages(fixture.Build(), Layers.Domain, Forbidden);

        Assert.Equal(
            [
                new Violation($"{DomainClass}: base type", "Microsoft.AspNetCore.Mvc.ControllerBase [Microsoft.AspNetCore.Mvc.Core]"),
                new Violation($"{DomainClass}: interface", "Microsoft.AspNetCore.Http.IResult [Microsoft.AspNetCore.Http.Abstractions]"),
            ],
            violations);
    }

    [Fact]
    public void Rule_detects_npgsql_in_a_property_and_a_method_signature_in_domain()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass);
        var connection = fixture.ExternalType("Npgsql", "Npgsql.NpgsqlConnection");
        var dataSource = fixture.ExternalType("Npgsql", "Npgsql.NpgsqlDataSource");
        var getter = AddMethod(household, "get_Connection", connection);
        household.Properties.Add(new PropertyDefinition("Connection", PropertyAttributes.None, connection) { GetMethod = getter });
        var open = AddMethod(household, "Open", fixture.Void);
        open.Parameters.Add(new ParameterDefinition("source", ParameterAttributes.None, dataSource));

        var violations = ArchitectureRules.ForbiddenTypeUsages(fixture.Build(), Layers.Domain, Forbidden);

        Assert.Equal(
            [
                new Violation($"{DomainClass}::Connection: property type", "Npgsql.NpgsqlConnection [Npgsql]"),
                new Violation($"{DomainClass}::get_Connection(): return type", "Npgsql.NpgsqlConnection [Npgsql]"),
                new Violation($"{DomainClass}::Open(NpgsqlDataSource): parameter source", "Npgsql.NpgsqlDataSource [Npgsql]"),
            ],
            violations);
    }

    [Fact]
    public void Rule_detects_forbidden_types_used_only_inside_a_method_body_in_domain()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass);
        var connection = fixture.ExternalType("Npgsql", "Npgsql.NpgsqlConnection");
        var statusCodes = fixture.ExternalType("Microsoft.AspNetCore.Http.Abstractions", "Microsoft.AspNetCore.Http.StatusCodes");
        var dbContext = fixture.ExternalType("Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.DbContext");
        var method = AddMethod(household, "Touch", fixture.Void);
        var il = method.Body.GetILProcessor();
        il.Emit(OpCodes.Newobj, new MethodReference(".ctor", fixture.Void, connection) { HasThis = true });
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldsfld, new FieldReference("Status200OK", fixture.Module.TypeSystem.Int32, statusCodes));
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldtoken, dbContext);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ret);

        var violations = ArchitectureRules.ForbiddenTypeUsages(fixture.Build(), Layers.Domain, Forbidden);

        Assert.Equal(
            [
                new Violation($"{DomainClass}::Touch(): newobj System.Void Npgsql.NpgsqlConnection::.ctor()",
                    "Npgsql.NpgsqlConnection [Npgsql]"),
                new Violation($"{DomainClass}::Touch(): ldsfld System.Int32 Microsoft.AspNetCore.Http.StatusCodes::Status200OK",
                    "Microsoft.AspNetCore.Http.StatusCodes [Microsoft.AspNetCore.Http.Abstractions]"),
                new Violation($"{DomainClass}::Touch(): ldtoken Microsoft.EntityFrameworkCore.DbContext",
                    "Microsoft.EntityFrameworkCore.DbContext [Microsoft.EntityFrameworkCore]"),
            ],
            violations);
    }

    [Fact]
    public void Rule_detects_an_ef_core_type_hidden_in_a_generic_argument_in_domain()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass);
        var list = fixture.ExternalType("System.Collections", "System.Collections.Generic.List`1");
        list.GenericParameters.Add(new GenericParameter(list));
        var dbSet = fixture.ExternalType("Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.DbSet`1");
        dbSet.GenericParameters.Add(new GenericParameter(dbSet));
        // List<DbSet<Household>>[]
        var fieldType = new ArrayType(new GenericInstanceType(list)
        {
            GenericArguments = { new GenericInstanceType(dbSet) { GenericArguments = { household } } },
        });
        AddField(household, "sets", fieldType);

        var violations = ArchitectureRules.ForbiddenTypeUsages(fixture.Build(), Layers.Domain, Forbidden);

        Assert.Equal(
            [new Violation($"{DomainClass}::sets: field type", "Microsoft.EntityFrameworkCore.DbSet`1 [Microsoft.EntityFrameworkCore]")],
            violations);
    }

    [Fact]
    public void Rule_detects_forbidden_types_in_custom_attributes_in_domain()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass);
        var apiController = fixture.ExternalType("Microsoft.AspNetCore.Mvc.Core", "Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
        household.CustomAttributes.Add(new CustomAttribute(new MethodReference(".ctor", fixture.Void, apiController) { HasThis = true }));
        // [TypeConverter(typeof(DbContext))]: the forbidden type is only in the attribute blob, not in the TypeRef table.
        var typeConverter = fixture.ExternalType("System.ComponentModel.TypeConverter", "System.ComponentModel.TypeConverterAttribute");
        var systemType = fixture.ExternalType("System.Runtime", "System.Type");
        var constructor = new MethodReference(".ctor", fixture.Void, typeConverter) { HasThis = true };
        constructor.Parameters.Add(new ParameterDefinition(systemType));
        var attribute = new CustomAttribute(constructor);
        attribute.ConstructorArguments.Add(new CustomAttributeArgument(
            systemType, fixture.ExternalType("Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.DbContext")));
        AddField(household, "name", fixture.Module.TypeSystem.String).CustomAttributes.Add(attribute);

        var violations = ArchitectureRules.ForbiddenTypeUsages(fixture.Build(), Layers.Domain, Forbidden);

        Assert.Equal(
            [
                new Violation($"{DomainClass}: attribute", "Microsoft.AspNetCore.Mvc.ApiControllerAttribute [Microsoft.AspNetCore.Mvc.Core]"),
                new Violation($"{DomainClass}::name: attribute argument", "Microsoft.EntityFrameworkCore.DbContext [Microsoft.EntityFrameworkCore]"),
            ],
            violations);
    }

    [Fact]
    public void Rule_detects_an_ef_core_extension_that_lives_in_a_framework_namespace()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass);
        var services = fixture.ExternalType("Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.DependencyInjection.IServiceCollection");
        var extensions = fixture.ExternalType("Microsoft.EntityFrameworkCore", "Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions");
        var addDbContext = new MethodReference("AddDbContext", services, extensions);
        addDbContext.Parameters.Add(new ParameterDefinition(services));
        var method = AddMethod(household, "Register", fixture.Void);
        method.Parameters.Add(new ParameterDefinition("services", ParameterAttributes.None, services));
        var il = method.Body.GetILProcessor();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, addDbContext);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ret);

        var violations = ArchitectureRules.ForbiddenTypeUsages(fixture.Build(), Layers.Domain, Forbidden);

        Assert.Equal(
            [
                new Violation(
                    $"{DomainClass}::Register(IServiceCollection): call Microsoft.Extensions.DependencyInjection.IServiceCollection "
                        + "Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions::AddDbContext(Microsoft.Extensions.DependencyInjection.IServiceCollection)",
                    "Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions [Microsoft.EntityFrameworkCore]"),
            ],
            violations);
    }

    [Fact]
    public void Rule_accepts_a_domain_that_uses_only_framework_and_own_types()
    {
        var fixture = new FixtureAssembly(Layers.Domain);
        var household = fixture.AddClass(DomainClass);
        var member = fixture.AddClass("Eligibility.Domain.Households.Member");
        var list = fixture.ExternalType("System.Collections", "System.Collections.Generic.List`1");
        list.GenericParameters.Add(new GenericParameter(list));
        AddField(household, "members", new GenericInstanceType(list) { GenericArguments = { member } });
        AddField(household, "pattern", fixture.ExternalType("System.Text.RegularExpressions", "System.Text.RegularExpressions.Regex"));
        var domain = fixture.Build();

        Assert.Empty(ArchitectureRules.ForbiddenTypeUsages(domain, Layers.Domain, Forbidden));
        Assert.Empty(ArchitectureRules.NonFrameworkAssemblyReferences(domain, Layers.Domain, SharedFramework.AssemblyNames));
    }

    [Fact]
    public void Rules_refuse_an_assembly_other_than_the_one_they_are_meant_for()
    {
        var application = Layers.ReadBuilt(Layers.Application);

        Assert.Throws<InvalidOperationException>(() =>
            ArchitectureRules.NonFrameworkAssemblyReferences(application, Layers.Domain, SharedFramework.AssemblyNames));
        Assert.Throws<InvalidOperationException>(() =>
            ArchitectureRules.ForbiddenTypeUsages(application, Layers.Domain, Forbidden));
        Assert.Throws<InvalidOperationException>(() =>
            ArchitectureRules.ForbiddenAssemblyReferences(application, Layers.Infrastructure, [Layers.Api]));
        Assert.Throws<InvalidOperationException>(() =>
            ArchitectureRules.DependencyItemsInProjectFile(Layers.ProjectFile(Layers.Application), Layers.Domain));
    }

    static FieldDefinition AddField(TypeDefinition type, string name, TypeReference fieldType)
    {
        var field = new FieldDefinition(name, FieldAttributes.Private, fieldType);
        type.Fields.Add(field);
        return field;
    }

    static MethodDefinition AddMethod(TypeDefinition type, string name, TypeReference returnType)
    {
        var method = new MethodDefinition(name, MethodAttributes.Public | MethodAttributes.Static, returnType);
        type.Methods.Add(method);
        return method;
    }
}
