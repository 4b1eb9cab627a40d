using Eligibility.Api.Http;
using Eligibility.Application.Common;
using Eligibility.Application.Units;

namespace Eligibility.Api.Endpoints;

public static class UnitEndpoints
{
    public static void MapUnits(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Administrative units");

        api.MapGet("/provinces", async (UnitService units, CancellationToken ct) => TypedResults.Ok(await units.Provinces(ct)))
            .WithName("ListProvinces").WithSummary("List the provinces")
            .WithDescription("The 34 provinces and centrally-run cities, with the number of communes of each.");

        api.MapGet("/provinces/{code}/communes", async (string code, UnitService units, CancellationToken ct) =>
                (await units.Communes(code, ct)).ToHttp(TypedResults.Ok))
            .WithName("ListCommunesOfProvince").WithSummary("List the communes of a province")
            .WithDescription("Communes (xã), wards (phường) and special zones (đặc khu) of the province, by name, each with its area type.")
            .Produces<IReadOnlyList<CommuneResponse>>().ProducesProblem(404);

        api.MapGet("/communes/{code}", async (string code, UnitService units, CancellationToken ct) =>
                (await units.Commune(code, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetCommune").WithSummary("Get a commune")
            .WithDescription("The commune with its province, its kind (xã, phường, đặc khu) and its area type (rural or urban), which sets the poverty line.")
            .Produces<CommuneResponse>().ProducesProblem(404);

        api.MapGet("/communes/{code}/villages", async (string code, UnitService units, CancellationToken ct) =>
                (await units.Villages(code, ct)).ToHttp(TypedResults.Ok))
            .WithName("ListVillages").WithSummary("List the villages of a commune")
            .WithDescription("The villages (thôn, ấp, bản, tổ dân phố) of the commune, by name.")
            .Produces<IReadOnlyList<VillageResponse>>().ProducesProblem(404);

        api.MapPost("/communes/{code}/villages", async (string code, VillageRequest request, UnitService units, HttpContext http, CancellationToken ct) =>
                (await units.CreateVillage(code, request, ct)).ToHttp(v =>
                    TypedResults.Created($"/api/v1/villages/{v.Id}", v).WithETag(http, v.Version)))
            .RequireAuthorization(Roles.CommuneOfficial)
            .Idempotent()
            .WithName("CreateVillage").WithSummary("Create a village")
            .WithDescription("Commune officials create the villages (thôn, ấp, bản, tổ dân phố) of their communes. Names are unique within a commune, ignoring case and diacritics.")
            .WithValidation<VillageRequest>()
            .Produces<VillageResponse>(201).ProducesProblem(404).ProducesProblem(409);

        api.MapPut("/villages/{id:guid}", async (Guid id, VillageRequest request, UnitService units, HttpContext http, CancellationToken ct) =>
                await ETags.IfMatch(http.Request, async version =>
                    (await units.RenameVillage(id, request, version, ct)).ToHttp(v => TypedResults.Ok(v).WithETag(http, v.Version))))
            .RequireAuthorization(Roles.CommuneOfficial)
            .WithName("RenameVillage").WithSummary("Rename a village")
            .WithDescription("Requires If-Match with the village's ETag (from its creation or last rename); answers with the new ETag. " +
                "Only villages of the caller's communes; the new name must be unique within the commune, ignoring case and diacritics.")
            .WithValidation<VillageRequest>()
            .Produces<VillageResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);

        app.MapPost("/api/v1/admin/units/import", async (HttpRequest request, UnitService units, CancellationToken ct) =>
                request.ContentType?.Split(';')[0].Trim() is "text/csv"
                    ? (await units.Import(request.Body, ct)).ToHttp(TypedResults.Ok)
                    : TypedResults.Problem("Send the unit list as text/csv.", statusCode: 415, title: "Unsupported media type."))
            .RequireAuthorization(Roles.Admin)
            .WithTags("Administrative units")
            .Accepts<string>("text/csv")
            .WithName("ImportUnits").WithSummary("Import the official unit list")
            .WithDescription("Upserts provinces and communes by code from a CSV with the columns province_code, province_name, commune_code, " +
                "commune_name, commune_kind (xa, phuong, dac_khu) and optionally area_type (rural, urban). Every row is checked first: " +
                "if any row is bad the response lists each bad line and nothing is applied.")
            .Produces<UnitImportResult>().ProducesValidationProblem().ProducesProblem(415);
    }
}
