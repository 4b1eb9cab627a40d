using System.Text.Json;
using System.Text.Json.Serialization;
using Eligibility.Api.Audit;
using Eligibility.Api.Auth;
using Eligibility.Api.Endpoints;
using Eligibility.Api.Http;
using Eligibility.Api.OpenApi;
using Eligibility.Application.Audit;
using Eligibility.Application.Confirmation;
using Eligibility.Application.Eligibility;
using Eligibility.Application.Households;
using Eligibility.Application.Policy;
using Eligibility.Application.Reviews;
using Eligibility.Application.Units;
using Eligibility.Infrastructure;
using Eligibility.Infrastructure.Audit;
using Eligibility.Infrastructure.Confirmation;
using Eligibility.Infrastructure.Database;
using Eligibility.Infrastructure.Eligibility;
using Eligibility.Infrastructure.Reviews;
using Eligibility.Infrastructure.SurveyImport;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

const long MaxBodyBytes = 1024 * 1024;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    json.SerializerOptions.MaxDepth = 16;
});
builder.Services.AddEligibilityAuth(builder.Configuration);
builder.Services.AddEligibilityOpenApi();
builder.Services.AddInfrastructure();
builder.Services.AddAuditCheckpoints(); // Signed checkpoints of the audit chain, outside the database (README, "Audit trail").
builder.Services.AddEligibilityStore();
builder.Services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o
    .AddOperationTransformer<RoleListTransformer>().AddSchemaTransformer<NullableEnumSchemaTransformer>());

// Use cases and validators, registered in one explicit place.
builder.Services.AddScoped<HouseholdScope>();
builder.Services.AddScoped<Eligibility.Application.Reports.ReportService>();
builder.Services.AddScoped<HouseholdService>();
builder.Services.AddScoped<UnitService>();
builder.Services.AddScoped<ReviewService>();
builder.Services.AddScoped<PolicyService>();
builder.Services.AddScoped<AuditService>();
builder.Services.AddSingleton<IAuditActor, HttpAuditActor>();
builder.Services.AddScoped<EligibilityService>();
builder.Services.AddSingleton(new LookupOptions(builder.Configuration.GetValue("Lookup:DailyIdQuota", LookupOptions.DefaultDailyIdQuota) is var quota and >= 1
    ? quota : throw new InvalidOperationException("Lookup:DailyIdQuota is a number of personal ID numbers, 1 or more.")));
ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
builder.Services.AddSingleton<IValidator<MemberRequest>, MemberRequestValidator>();
builder.Services.AddSingleton<IValidator<CreateHouseholdRequest>, CreateHouseholdRequestValidator>();
builder.Services.AddSingleton<IValidator<UpdateHouseholdRequest>, UpdateHouseholdRequestValidator>();
builder.Services.AddSingleton<IValidator<PersonalIdSearchRequest>, PersonalIdSearchRequestValidator>();
builder.Services.AddSingleton<IValidator<HouseholdSearchRequest>, HouseholdSearchRequestValidator>();
builder.Services.AddSingleton<IValidator<VillageRequest>, VillageRequestValidator>();
builder.Services.AddSingleton<IValidator<DevTokenRequest>, DevTokenRequestValidator>();
builder.Services.AddSingleton<IValidator<CreateReviewRequest>, CreateReviewRequestValidator>();
builder.Services.AddSingleton<IValidator<RecognitionRequest>, RecognitionRequestValidator>();
builder.Services.AddSingleton<IValidator<NewStandardFiguresRequest>, NewStandardFiguresRequestValidator>();
builder.Services.AddSingleton<IValidator<NewProgrammeTermsRequest>, NewProgrammeTermsRequestValidator>();
builder.Services.AddSingleton<IValidator<NewIndicatorThresholdRequest>, NewIndicatorThresholdRequestValidator>();
builder.Services.AddSingleton<IValidator<PublicHolidayRequest>, PublicHolidayRequestValidator>();
builder.Services.AddSingleton<IValidator<EvaluateRequest>, EvaluateRequestValidator>();
builder.Services.AddSingleton<IValidator<LookupRequest>, LookupRequestValidator>();
// Associations, Savings and Loan Groups, loan requests and meetings: store, use case and validators.
builder.Services.AddLoans();
// Commune confirmation lists.
builder.Services.AddConfirmationStore();
builder.Services.AddScoped<ConfirmationService>();
builder.Services.AddSingleton<IValidator<CompileListRequest>, CompileListRequestValidator>();
builder.Services.AddSingleton<IValidator<LineDecisionRequest>, LineDecisionRequestValidator>();
builder.Services.AddSingleton<IValidator<SignListRequest>, SignListRequestValidator>();
// Review rounds and the procedure (README, "Review rounds").
builder.Services.AddReviewRoundStore();
builder.Services.AddSurveyImport(); // Bulk import of survey results (README): store, file readers, use case.
builder.Services.AddScoped<Eligibility.Application.Rounds.RoundService>();
builder.Services.AddSingleton(new Eligibility.Application.Rounds.ProcedureOptions(
    builder.Configuration.GetValue("Procedure:PostingWorkingDays", 3) is var days and >= 1 and <= 30
        ? days : throw new InvalidOperationException("Procedure:PostingWorkingDays is a number of working days from 1 to 30."),
    builder.Configuration.GetValue("Procedure:RegularDecisionDays", 15) is var decision and >= 1 and <= 90
        ? decision : throw new InvalidOperationException("Procedure:RegularDecisionDays is a number of days from 1 to 90."),
    builder.Configuration.GetValue("Procedure:RecheckWorkingDays", 7) is var recheck and >= 1 and <= 30
        ? recheck : throw new InvalidOperationException("Procedure:RecheckWorkingDays is a number of working days from 1 to 30.")));
builder.Services.AddSingleton<IValidator<Eligibility.Application.Rounds.OpenRoundRequest>, Eligibility.Application.Rounds.OpenRoundRequestValidator>();
builder.Services.AddSingleton<IValidator<Eligibility.Application.Rounds.FileRequestRequest>, Eligibility.Application.Rounds.FileRequestRequestValidator>();
builder.Services.AddSingleton<IValidator<Eligibility.Application.Rounds.RoundReviewRequest>, Eligibility.Application.Rounds.RoundReviewRequestValidator>();
builder.Services.AddSingleton<IValidator<Eligibility.Application.Rounds.VillageMeetingRequest>, Eligibility.Application.Rounds.VillageMeetingRequestValidator>();
builder.Services.AddSingleton<IValidator<Eligibility.Application.Rounds.PostingRequest>, Eligibility.Application.Rounds.PostingRequestValidator>();
builder.Services.AddSingleton<IValidator<Eligibility.Application.Rounds.ComplaintRequest>, Eligibility.Application.Rounds.ComplaintRequestValidator>();
builder.Services.AddSingleton<IValidator<Eligibility.Application.Rounds.RecheckRequest>, Eligibility.Application.Rounds.RecheckRequestValidator>();
builder.Services.AddSingleton<IValidator<Eligibility.Application.Rounds.RoundRecognitionRequest>, Eligibility.Application.Rounds.RoundRecognitionRequestValidator>();

// Resilience: rate limits, graceful shutdown (README, "Resilience").
builder.AddResilience();

var app = builder.Build();

try
{
    if (app.Services.GetRequiredService<AuthOptions>().Problem(app.Environment) is { } authProblem)
        throw new StartupException(authProblem);
    app.Services.GetRequiredService<AuditCheckpointSettings>().Settle(app.Environment.ContentRootPath, app.Environment.IsDevelopment());
    app.Services.GetRequiredService<DatabaseEndpoint>().ConnectionString = await DatabaseSetup.Prepare(
        app.Configuration, app.Environment.ContentRootPath, app.Environment.IsDevelopment(), app.Logger);
}
catch (StartupException e)
{
    Console.Error.WriteLine($"Eligibility API cannot start: {e.Message}");
    return 1;
}

// Security headers first, so that every response carries them, error pages included.
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<BodyLimitMiddleware>(MaxBodyBytes);
// Swagger UI is static pages over the public OpenAPI document: served before authentication.
app.UseSwaggerUI(ui =>
{
    ui.RoutePrefix = "swagger";
    ui.SwaggerEndpoint("/openapi/v1.json", "Eligibility API v1");
});
app.UseAuthentication();
// Rate limits after authentication (partitioned by subject) and before authorization (bad tokens count per IP).
app.UseRateLimiter();
app.UseAuthorization();
// Overlong strings in JSON bodies are 400; Idempotency-Key on endpoints marked .Idempotent() (keys are per subject).
app.UseStringLimit(app.Configuration);
app.UseIdempotency();

app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

if (app.Environment.IsDevelopment())
    app.MapDevTokens();
app.MapUnits();
app.MapHouseholds();
app.MapPolicy();
app.MapReviews();
app.MapAudit();
app.MapEligibility();
app.MapReports();
app.MapLoans();
app.MapConfirmationLists();
app.MapReviewRounds();
// Bulk import of survey results over HTTP, or as `dotnet run -- import-survey --round <id> --file <path>` (README).
app.MapSurveyImports();
if (SurveyImportEndpoints.IsCommand(args))
    return await SurveyImportEndpoints.RunCommand(app, args);

try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"Eligibility API cannot start: {e.Message} Stop what uses it, or choose another address with --urls.");
    return 1;
}
return 0;

public partial class Program;
