using Eligibility.Api.Audit;
using Eligibility.Api.Http;
using Eligibility.Application.Audit;
using Eligibility.Application.Common;
using Eligibility.Application.Loans;
using Eligibility.Domain.Common;
using Eligibility.Infrastructure.Loans;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;

namespace Eligibility.Api.Endpoints;

/// <summary>Trustee associations, Savings and Loan Groups, loan requests (Mẫu 01/TD), meetings (bình xét) and the group's list (Mẫu 03/TD).</summary>
public static class LoanEndpoints
{
    const string Tag = "Associations and loan requests";

    static readonly AuthorizeAttribute Readers = new() { Roles = $"{Roles.CommuneOfficial},{Roles.AssociationOfficer}" };

    public static IServiceCollection AddLoans(this IServiceCollection services)
    {
        services.AddLoanStore();
        services.AddScoped<LoanService>();
        services.AddSingleton<IValidator<CreateAssociationRequest>, CreateAssociationRequestValidator>();
        services.AddSingleton<IValidator<CreateGroupRequest>, CreateGroupRequestValidator>();
        services.AddSingleton<IValidator<JoinGroupRequest>, JoinGroupRequestValidator>();
        services.AddSingleton<IValidator<CreateLoanRequest>, CreateLoanRequestValidator>();
        services.AddSingleton<IValidator<CreateMeetingRequest>, CreateMeetingRequestValidator>();
        return services;
    }

    public static void MapLoans(this IEndpointRouteBuilder app)
    {
        var communes = app.MapGroup("/api/v1/communes/{code}/associations").WithTags(Tag).RequireAuthorization(Roles.CommuneOfficial);

        communes.MapPost("/", async (string code, CreateAssociationRequest request, LoanService loans, CancellationToken ct) =>
                Respond(await loans.CreateAssociation(code, request, ct), a => TypedResults.Created($"/api/v1/associations/{a.Id}", a)))
            .Idempotent()
            .WithName("CreateAssociation").WithSummary("Register a trustee association of the commune")
            .WithDescription("One of farmers-union (Hội Nông dân), womens-union (Hội Liên hiệp Phụ nữ), veterans-association (Hội Cựu chiến " +
                "binh), youth-union (Đoàn Thanh niên); at most one of each kind per commune (409 association-exists). The name defaults " +
                "to the kind's usual name. Officials of the commune only.")
            .WithValidation<CreateAssociationRequest>()
            .Produces<AssociationResponse>(201).ProducesProblem(404).ProducesProblem(409);

        communes.MapGet("/", async (string code, LoanService loans, CancellationToken ct) => Respond(await loans.Associations(code, ct), TypedResults.Ok))
            .WithName("ListAssociations").WithSummary("The commune's trustee associations")
            .Produces<IReadOnlyList<AssociationResponse>>().ProducesProblem(404);

        var associations = app.MapGroup("/api/v1/associations/{id:guid}").WithTags(Tag).RequireAuthorization(Readers);

        associations.MapGet("/", async (Guid id, LoanService loans, CancellationToken ct) => Respond(await loans.Association(id, ct), TypedResults.Ok))
            .WithName("GetAssociation").WithSummary("Get an association")
            .WithDescription("Officials of its commune and officers of the association; anyone else 404.")
            .Produces<AssociationResponse>().ProducesProblem(404);

        associations.MapPost("/groups", async (Guid id, CreateGroupRequest request, LoanService loans, CancellationToken ct) =>
                Respond(await loans.CreateGroup(id, request, ct), g => TypedResults.Created($"/api/v1/groups/{g.Id}", g)))
            .RequireAuthorization(Roles.AssociationOfficer)
            .Idempotent()
            .WithName("CreateGroup").WithSummary("Found a Savings and Loan Group (Tổ TK&VV)")
            .WithDescription("Officers of the association. The villages are villages of the association's commune (422 village-not-in-commune); " +
                "the leader is named, and may be a registered member of the commune (leaderMemberId). Group names are unique per association (409).")
            .WithValidation<CreateGroupRequest>()
            .Produces<GroupResponse>(201).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        associations.MapGet("/groups", async (Guid id, LoanService loans, CancellationToken ct) => Respond(await loans.Groups(id, ct), TypedResults.Ok))
            .WithName("ListGroups").WithSummary("The association's groups, by name")
            .Produces<IReadOnlyList<GroupResponse>>().ProducesProblem(404);

        associations.MapGet("/pending-requests", async (Guid id, LoanService loans, HttpContext http, CancellationToken ct) =>
                Respond(await loans.PendingOfAssociation(id, EligibilityEndpoints.Language(http), ct), TypedResults.Ok))
            .AuditsPersonalDataRead("loan-request")
            .WithName("ListPendingRequestsOfAssociation").WithSummary("Pending requests of all the association's groups")
            .WithDescription("As for one group, for every group of the association, oldest filing first.")
            .Produces<IReadOnlyList<PendingRequestResponse>>().ProducesProblem(404);

        var groups = app.MapGroup("/api/v1/groups/{id:guid}").WithTags(Tag).RequireAuthorization(Readers);

        groups.MapGet("/", async (Guid id, LoanService loans, CancellationToken ct) => Respond(await loans.Group(id, ct), TypedResults.Ok))
            .WithName("GetGroup").WithSummary("Get a group")
            .Produces<GroupResponse>().ProducesProblem(404);

        groups.MapPost("/members", async (Guid id, JoinGroupRequest request, LoanService loans, CancellationToken ct) =>
                Respond(await loans.Join(id, request, ct), m => TypedResults.Created($"/api/v1/groups/{id}/members", m)))
            .RequireAuthorization(Roles.AssociationOfficer)
            .Idempotent()
            .AuditsReplayedPersonalData("household", idProperty: "householdId")
            .WithName("JoinGroup").WithSummary("A household joins the group")
            .WithDescription("The household is of the group's commune (otherwise 404) and of one of its villages (422 village-not-served). " +
                "A household that is or was a member is 409 already-member.")
            .WithValidation<JoinGroupRequest>()
            .Produces<MembershipResponse>(201).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        groups.MapPost("/members/{householdId:guid}/leave", async (Guid id, Guid householdId, LeaveGroupRequest request, LoanService loans, CancellationToken ct) =>
                Respond(await loans.Leave(id, householdId, request, ct), TypedResults.Ok))
            .RequireAuthorization(Roles.AssociationOfficer)
            .WithName("LeaveGroup").WithSummary("A household leaves the group on a date")
            .WithDescription("The membership is kept with its end date (leftOn, not before joinedOn; leaving twice is 409).")
            .Produces<MembershipResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        groups.MapGet("/members", async (Guid id, LoanService loans, CancellationToken ct) => Respond(await loans.Memberships(id, ct), TypedResults.Ok))
            .AuditsPersonalDataRead("household", idProperty: "householdId")
            .WithName("ListGroupMembers").WithSummary("The group's member households and their members")
            .WithDescription("By head's name. Association officers see each person's year of birth only (dateOfBirth null) and the ID number masked.")
            .Produces<IReadOnlyList<MembershipResponse>>().ProducesProblem(404);

        groups.MapPost("/loan-requests", async (Guid id, CreateLoanRequest request, LoanService loans, HttpContext http, CancellationToken ct) =>
                Respond(await loans.File(id, request, ct), r => TypedResults.Created($"/api/v1/loan-requests/{r.Id}", r).WithETag(http, r.Version)))
            .RequireAuthorization(Roles.AssociationOfficer)
            .Idempotent()
            .AuditsReplayedPersonalData("loan-request")
            .WithName("FileLoanRequest").WithSummary("File a loan request (Mẫu 01/TD) with the group")
            .WithDescription("The household is a member of the group on filedOn; the borrower a member of the household (422 " +
                "borrower-not-in-household). Refused with 422 and every reason in `reasons` ([{code, message, field}]): not-eligible " +
                "(followed by the engine's reasons, the same as GET /households/{id}/eligibility on filedOn; job-creation judges the " +
                "borrower), borrower-under-age (under 18 on filedOn), amount-over-cap and term-over-maximum (the terms in force on " +
                "filedOn; a per-worker cap applies to the borrower), open-request-exists (a pending or approved request of the household " +
                "for the programme). The eligibility answer at filing is kept with the request.")
            .WithValidation<CreateLoanRequest>()
            .Produces<LoanRequestResponse>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422);

        groups.MapGet("/pending-requests", async (Guid id, LoanService loans, HttpContext http, CancellationToken ct) =>
                Respond(await loans.PendingOfGroup(id, EligibilityEndpoints.Language(http), ct), TypedResults.Ok))
            .AuditsPersonalDataRead("loan-request")
            .WithName("ListPendingRequestsOfGroup").WithSummary("What the group's next meeting must review")
            .WithDescription("The pending requests, oldest filing first, each with the household's eligibility for the requested programme " +
                "today (currentEligibility; job-creation: the borrower's) beside the answer at filing. Reasons follow Accept-Language (vi or en).")
            .Produces<IReadOnlyList<PendingRequestResponse>>().ProducesProblem(404);

        groups.MapPost("/meetings", async (Guid id, CreateMeetingRequest request, LoanService loans, CancellationToken ct) =>
                Respond(await loans.RecordMeeting(id, request, ct), m => TypedResults.Created($"/api/v1/groups/{id}/list?meeting={m.Id}", m)))
            .RequireAuthorization(Roles.AssociationOfficer)
            .Idempotent()
            .WithName("RecordMeeting").WithSummary("Record a group meeting (bình xét) and its decisions")
            .WithDescription("All or nothing, in one transaction: a decision on a request that is not pending in this group is 409 " +
                "request-not-pending naming it, and nothing is stored. A rejection needs its reason. The approved requests form the " +
                "group's list (Location).")
            .WithValidation<CreateMeetingRequest>()
            .Produces<MeetingResponse>(201).ProducesProblem(404).ProducesProblem(409);

        groups.MapGet("/list", GroupList)
            .AuditsPersonalDataRead("group-list", idProperty: "meetingId")
            .WithName("GetGroupList").WithSummary("The group's list (Mẫu 03/TD) of a meeting, as JSON, CSV or XLSX")
            .WithDescription("The requests the meeting approved (meeting: its id; default the group's latest meeting), by village and " +
                "borrower. `?format=json|csv|xlsx` or the Accept header; the exports have the form's Vietnamese headings in its order " +
                "(STT, Họ và tên người vay, Thôn, Đối tượng, Chương trình, Số tiền đề nghị vay, Mục đích, Thời hạn (tháng)), CSV in UTF-8 with BOM.")
            .Produces<GroupListResponse>().Produces(200, contentType: ExportResults.CsvType).Produces(200, contentType: ExportResults.XlsxType)
            .ProducesProblem(404);

        var requests = app.MapGroup("/api/v1/loan-requests/{id:guid}").WithTags(Tag).RequireAuthorization(Readers);

        requests.MapGet("/", async (Guid id, LoanService loans, HttpContext http, CancellationToken ct) =>
                Respond(await loans.Request(id, ct), r => TypedResults.Ok(r).WithETag(http, r.Version)))
            .AuditsPersonalDataRead("loan-request")
            .WithName("GetLoanRequest").WithSummary("Get a loan request")
            .WithDescription("The ETag header carries the request's version, for If-Match on its withdrawal.")
            .Produces<LoanRequestResponse>().ProducesProblem(404);

        requests.MapPost("/withdrawal", (Guid id, LoanService loans, HttpContext http, CancellationToken ct) =>
                ETags.OptionalIfMatch(http.Request, async version =>
                    Respond(await loans.Withdraw(id, version, ct), r => TypedResults.Ok(r).WithETag(http, r.Version))))
            .RequireAuthorization(Roles.AssociationOfficer)
            .AcceptsOptionalIfMatch()
            .WithName("WithdrawLoanRequest").WithSummary("The household withdraws a pending request")
            .WithDescription("Only a pending request (409 request-not-pending otherwise): a decided one is on the group's list. If-Match " +
                "is optional; when sent it must name the request's current ETag (412 otherwise). A withdrawal racing a meeting's decision " +
                "of the same request: one of them is stored, the other is 409 (changed-meanwhile or request-not-pending).")
            .Produces<LoanRequestResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
    }

    static async Task<IResult> GroupList(Guid id, Guid? meeting, string? format, LoanService loans, IExportWriter writer, IAuditLog audit,
        HttpContext http, CancellationToken ct)
    {
        var chosen = ExportResults.Negotiate(http.Request, format);
        if (!chosen.IsSuccess)
            return ResultHttp.Problem(chosen.Errors);
        var list = await loans.GroupList(id, meeting, ct);
        if (!list.IsSuccess || chosen.Value == ExportFormat.Json)
            return Respond(list, TypedResults.Ok);

        var value = list.Value;
        // The endpoint filter audits JSON answers; a file is audited here, before anything is sent.
        await audit.RecordRead(new PersonalDataRead("group-list", value.MeetingId.ToString(), value.Lines.Select(l => l.RequestId.ToString()).ToList(),
            value.CommuneCode, null), ct);
        var table = new ExportTable($"Danh sách tổ viên đề nghị vay vốn (Mẫu 03/TD) - {value.GroupName} - {value.HeldOn:dd/MM/yyyy}",
            GroupListResponse.Headings, Rows(value));
        return ExportResults.File(table, chosen.Value, $"mau-03-td-{value.HeldOn:yyyy-MM-dd}", writer);
    }

    static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(GroupListResponse list)
    {
        foreach (var line in list.Lines)
            yield return GroupListResponse.Row(line);
        await Task.CompletedTask;
    }

    /// <summary>
    /// As ResultHttp, and for refusals (409, 422) every reason in a <c>reasons</c> extension ([{code, message, field}]),
    /// so a refused loan request shows all that is wrong with it at once.
    /// </summary>
    static IResult Respond<T>(Result<T> result, Func<T, IResult> onSuccess)
    {
        if (result.IsSuccess)
            return onSuccess(result.Value);
        var first = result.FirstError;
        if (first.Kind is not (ErrorKind.Unprocessable or ErrorKind.Conflict))
            return ResultHttp.Problem(result.Errors);
        var (status, title) = first.Kind == ErrorKind.Conflict
            ? (StatusCodes.Status409Conflict, "Conflict with the current state.")
            : (StatusCodes.Status422UnprocessableEntity, "The request cannot be carried out.");
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = first.Code,
            ["reasons"] = result.Errors.Select(e => new ProblemReason(e.Code, e.Message, e.Field)).ToList(),
        };
        if (first.Field is not null)
            extensions["field"] = first.Field;
        return TypedResults.Problem(first.Message, statusCode: status, title: title, extensions: extensions);
    }

    sealed record ProblemReason(string Code, string Message, string? Field);
}
