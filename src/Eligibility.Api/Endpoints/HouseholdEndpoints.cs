using Eligibility.Api.Audit;
using Eligibility.Api.Http;
using Eligibility.Application.Common;
using Eligibility.Application.Households;

namespace Eligibility.Api.Endpoints;

public static class HouseholdEndpoints
{
    public static void MapHouseholds(this IEndpointRouteBuilder app)
    {
        var households = app.MapGroup("/api/v1/households").WithTags("Households").RequireAuthorization(Roles.CommuneOfficial);

        households.MapPost("/", Create)
            .Idempotent()
            .AuditsReplayedPersonalData("household")
            .WithName("CreateHousehold").WithSummary("Register a household with its members")
            .WithDescription("Registers a household in a commune and village with all its members in one request. Exactly one member is the head.")
            .WithValidation<CreateHouseholdRequest>()
            .Produces<HouseholdResponse>(201).ProducesProblem(404).ProducesProblem(409);

        households.MapGet("/{id:guid}", async (Guid id, HouseholdService service, HttpContext http, CancellationToken ct) =>
                (await service.Get(id, ct)).ToHttp(h => TypedResults.Ok(h).WithETag(http, h.Version)))
            .AuditsPersonalDataRead("household")
            .WithName("GetHousehold").WithSummary("Get a household")
            .WithDescription("The household with all its members, head first; the ETag header carries the version to send back in If-Match.")
            .Produces<HouseholdResponse>().ProducesProblem(404);

        households.MapPut("/{id:guid}", async (Guid id, UpdateHouseholdRequest request, HouseholdService service, HttpContext http, CancellationToken ct) =>
                await ETags.IfMatch(http.Request, async version => Respond(http, await service.Update(id, request, version, ct))))
            .WithName("UpdateHousehold").WithSummary("Correct a household's village, address or head")
            .WithDescription("Requires If-Match with the household's ETag. When the head changes, formerHeadRelationship gives the former head's new relationship.")
            .WithValidation<UpdateHouseholdRequest>()
            .Produces<HouseholdResponse>().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

        households.MapPost("/{id:guid}/members", async (Guid id, MemberRequest request, HouseholdService service, HttpContext http, CancellationToken ct) =>
                await ETags.IfMatch(http.Request, async version => Respond(http, await service.AddMember(id, request, version, ct))))
            .Idempotent()
            .AuditsReplayedPersonalData("household")
            .WithName("AddMember").WithSummary("Add a member to a household")
            .WithDescription("Requires If-Match with the household's ETag; answers with the whole household and its new ETag.")
            .WithValidation<MemberRequest>()
            .Produces<HouseholdResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);

        households.MapPut("/{id:guid}/members/{memberId:guid}", async (Guid id, Guid memberId, MemberRequest request, HouseholdService service, HttpContext http, CancellationToken ct) =>
                await ETags.IfMatch(http.Request, async version => Respond(http, await service.UpdateMember(id, memberId, request, version, ct))))
            .WithName("UpdateMember").WithSummary("Correct a member")
            .WithDescription("Requires If-Match with the household's ETag. The head's relationship stays 'head'; change the head through the household.")
            .WithValidation<MemberRequest>()
            .Produces<HouseholdResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);

        households.MapDelete("/{id:guid}/members/{memberId:guid}", async (Guid id, Guid memberId, HouseholdService service, HttpContext http, CancellationToken ct) =>
                await ETags.IfMatch(http.Request, async version => Respond(http, await service.RemoveMember(id, memberId, version, ct))))
            .WithName("RemoveMember").WithSummary("Remove a member from a household")
            .WithDescription("Requires If-Match with the household's ETag. The head cannot be removed.")
            .Produces<HouseholdResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);

        households.MapPost("/search", async (PersonalIdSearchRequest request, HouseholdService service, HttpContext http, CancellationToken ct) =>
                Respond(http, await service.FindByPersonalId(request.PersonalId, ct)))
            .AuditsPersonalDataRead("household")
            .WithName("FindHouseholdByPersonalId").WithSummary("Find the household of a person by personal ID number")
            .WithDescription("The number travels in the body, never in a URL. Finds only households of the caller's communes.")
            .WithValidation<PersonalIdSearchRequest>()
            .Produces<HouseholdResponse>().ProducesProblem(404);

        app.MapGet("/api/v1/communes/{code}/households", List)
            .AuditsPersonalDataRead("household")
            .WithTags("Households").RequireAuthorization(Roles.CommuneOfficial)
            .WithName("ListHouseholds").WithSummary("List the households of a commune")
            .WithDescription("Ordered by head's name, then id; 'village' narrows to one village. A name is searched for with " +
                "POST /api/v1/communes/{code}/households/search, in the body: 'name' in this URL is 400.")
            .Produces<Paged<HouseholdSummary>>().ProducesValidationProblem().ProducesProblem(404);

        app.MapPost("/api/v1/communes/{code}/households/search", async (string code, HouseholdSearchRequest request, HouseholdService service, CancellationToken ct) =>
                (await service.List(new HouseholdListQuery(code, request.Village, request.Name, request.Page, request.PageSize), ct)).ToHttp(TypedResults.Ok))
            .AuditsPersonalDataRead("household")
            .WithTags("Households").RequireAuthorization(Roles.CommuneOfficial)
            .WithName("SearchHouseholdsByName").WithSummary("Search the households of a commune by name")
            .WithDescription("The name travels in the body, never in a URL. Matches any member's name ignoring case and Vietnamese " +
                "diacritics (\"nguyen thi hoa\" finds \"Nguyễn Thị Hoà\"); 'village' narrows to one village. Ordered by head's name, " +
                "then id, a page at a time, as the list.")
            .WithValidation<HouseholdSearchRequest>()
            .Produces<Paged<HouseholdSummary>>().ProducesProblem(404);
    }

    static async Task<IResult> Create(CreateHouseholdRequest request, HouseholdService service, HttpContext http, CancellationToken ct) =>
        (await service.Create(request, ct)).ToHttp(h => TypedResults.Created($"/api/v1/households/{h.Id}", h).WithETag(http, h.Version));

    static async Task<IResult> List(string code, Guid? village, int? page, int? pageSize, HouseholdService service, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
            errors["page"] = ["The page is 1 or more."];
        if (pageSize is < 1 or > PageRequest.MaxPageSize)
            errors["pageSize"] = [$"The page size is 1 to {PageRequest.MaxPageSize}."];
        // A person's name is personal data: it goes in the body of the search, not in a URL that proxies and logs keep.
        if (http.Request.Query.ContainsKey("name"))
            errors["name"] = [$"Tìm theo tên bằng POST /api/v1/communes/{code}/households/search, tên trong nội dung yêu cầu. / " +
                $"Search by name with POST /api/v1/communes/{code}/households/search, the name in the body."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");

        var query = new HouseholdListQuery(code, village, null, page ?? 1, pageSize ?? PageRequest.DefaultPageSize);
        return (await service.List(query, ct)).ToHttp(TypedResults.Ok);
    }

    static IResult Respond(HttpContext http, Eligibility.Domain.Common.Result<HouseholdResponse> result) =>
        result.ToHttp(h => TypedResults.Ok(h).WithETag(http, h.Version));
}
