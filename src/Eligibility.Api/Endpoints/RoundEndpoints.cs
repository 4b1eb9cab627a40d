using Eligibility.Api.Audit;
using Eligibility.Api.Http;
using Eligibility.Application.Audit;
using Eligibility.Application.Common;
using Eligibility.Application.Reviews;
using Eligibility.Application.Rounds;
using Eligibility.Domain.Common;

namespace Eligibility.Api.Endpoints;

/// <summary>Review rounds and the steps of the review procedure (Decision 24/2021/QĐ-TTg).</summary>
public static class RoundEndpoints
{
    const string Tag = "Review rounds";

    public static void MapReviewRounds(this IEndpointRouteBuilder app)
    {
        var communes = app.MapGroup("/api/v1/communes/{code}/review-rounds").WithTags(Tag).RequireAuthorization(Roles.CommuneOfficial);

        communes.MapPost("/", async (string code, OpenRoundRequest request, RoundService rounds, CancellationToken ct) =>
                (await rounds.Open(code, request, ct)).ToHttp(r => r.Created
                    ? TypedResults.Created($"/api/v1/review-rounds/{r.Round.Id}", r.Round)
                    : TypedResults.Ok(r.Round)))
            .Idempotent()
            .WithName("OpenReviewRound").WithSummary("Open a review round of the commune")
            .WithDescription("A periodic round for a year (its window 1 September to 14 December; reviews surveyed outside it are refused) or a " +
                "regular round for a month (YYYY-MM). One round per commune and period: opening it again answers 200 with the round already open.")
            .WithValidation<OpenRoundRequest>()
            .Produces<RoundResponse>(201).Produces<RoundResponse>().ProducesProblem(404);

        communes.MapGet("/", async (string code, RoundService rounds, CancellationToken ct) =>
                (await rounds.OfCommune(code, ct)).ToHttp(TypedResults.Ok))
            .WithName("ListReviewRounds").WithSummary("The commune's review rounds, latest first")
            .Produces<IReadOnlyList<RoundResponse>>().ProducesProblem(404);

        var round = app.MapGroup("/api/v1/review-rounds/{id:guid}").WithTags(Tag).RequireAuthorization(Roles.CommuneOfficial);

        round.MapGet("/", async (Guid id, RoundService rounds, CancellationToken ct) => (await rounds.Get(id, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetReviewRound").WithSummary("Get a review round")
            .Produces<RoundResponse>().ProducesProblem(404);

        round.MapPost("/requests", async (Guid id, FileRequestRequest request, RoundService rounds, CancellationToken ct) =>
                (await rounds.FileRequest(id, request, ct)).ToHttp(r => TypedResults.Created($"/api/v1/review-rounds/{id}/households", r)))
            .Idempotent()
            .AuditsReplayedPersonalData("household", idProperty: "householdId")
            .WithName("FileReviewRequest").WithSummary("Record a household's request to be reviewed (giấy đề nghị)")
            .WithDescription("Puts the household on the round's list. One request per household and round (409 otherwise); a request " +
                "filed after the round's window is 422.")
            .WithValidation<FileRequestRequest>()
            .Produces<RoundRequestResponse>(201).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        round.MapGet("/households", async (Guid id, RoundService rounds, CancellationToken ct) =>
                (await rounds.Households(id, ct)).ToHttp(TypedResults.Ok))
            .AuditsPersonalDataRead("household", idProperty: "householdId")
            .WithName("ListReviewRoundHouseholds").WithSummary("The households the round reviews")
            .WithDescription("Those of the commune whose recognised status in force on the round's first day is poor or near-poor, and those " +
                "that filed a request; each with its latest review in the round. Ordered by village, then head's name. In a regular round, " +
                "a household that filed a request has decisionDueBy (the filing date plus Procedure:RegularDecisionDays, 15 by default: " +
                "the commune chairman decides within 15 days) and overdue: true once that day has passed (in Vietnam) without its review " +
                "recognised; otherwise decisionDueBy is null and overdue false.")
            .Produces<IReadOnlyList<RoundHouseholdResponse>>().ProducesProblem(404);

        round.MapPost("/reviews", async (Guid id, RoundReviewRequest request, RoundService rounds, HttpContext http, CancellationToken ct) =>
                (await rounds.RecordReview(id, request, ct)).ToHttp(r => TypedResults.Created($"/api/v1/reviews/{r.Id}", r).WithETag(http, r.Version)))
            .Idempotent()
            .AuditsReplayedPersonalData("review")
            .WithName("RecordRoundReview").WithSummary("Record a review (survey) in the round")
            .WithDescription("The body of POST /households/{id}/reviews without kind and periodYear (the round's) and with householdId. The " +
                "household must be on the round's list (409 not-listed), surveyed inside the window (422 outside-review-window naming " +
                "surveyDate), and have no live review in the round (409 review-in-progress). The review then takes the procedure's steps.")
            .WithValidation<RoundReviewRequest>()
            .Produces<ReviewResponse>(201).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        round.MapPost("/recognition", async (Guid id, RoundRecognitionRequest request, RoundService rounds, CancellationToken ct) =>
            {
                var result = await rounds.Recognise(id, request, ct);
                if (result.IsSuccess || result.FirstError.Kind != ErrorKind.Conflict || result.Errors.Any(e => e.Field is null))
                    return result.ToHttp(TypedResults.Ok);
                // Every refused review, each with its reason: nothing was recognised.
                return TypedResults.Problem(
                    $"{result.Errors.Count} of the reviews cannot be recognised; nothing was recognised.", statusCode: StatusCodes.Status409Conflict,
                    title: "Conflict with the current state.", extensions: new Dictionary<string, object?>
                    {
                        ["code"] = "reviews-not-recognisable",
                        ["refused"] = result.Errors.Select(e => new { reviewId = e.Field, code = e.Code, message = e.Message }).ToList(),
                    });
            })
            .WithName("RecogniseReviewRound").WithSummary("Recognise many reviews of the round in one decision")
            .WithDescription("The commune chairman's decision (number, date, signer) for the named reviews, or with all=true for every review " +
                "posted with its posting ended before the decision date. All or nothing, in one transaction: if any review cannot be " +
                "recognised, 409 lists each refused review (refused[]: reviewId, code, message) and nothing is recognised.")
            .WithValidation<RoundRecognitionRequest>()
            .Produces<RoundRecognitionResponse>().ProducesProblem(404).ProducesProblem(409);

        round.MapGet("/posting", async (Guid id, string? format, RoundService rounds, IExportWriter writer, IAuditLog audit,
                HttpContext http, CancellationToken ct) =>
            {
                var chosen = ExportResults.Negotiate(http.Request, format);
                if (!chosen.IsSuccess)
                    return ResultHttp.Problem(chosen.Errors);
                var list = await rounds.PostingList(id, ct);
                if (!list.IsSuccess || chosen.Value == ExportFormat.Json)
                    return list.ToHttp(TypedResults.Ok);
                // The audit filter sees only typed JSON results: exports record their read here, before anything is sent.
                await audit.RecordRead(new PersonalDataRead("household", id.ToString(), list.Value.Items.Select(i => i.HouseholdId.ToString()).ToList(),
                    list.Value.Round.CommuneCode, null), ct);
                return ExportResults.File(PostingTable(list.Value), chosen.Value, $"niem-yet-{list.Value.Round.CommuneCode}-{id:N}", writer);
            })
            .AuditsPersonalDataRead("household", idProperty: "householdId")
            .WithName("GetReviewRoundPosting").WithSummary("The round's public posting list (danh sách niêm yết)")
            .WithDescription("The reviews of the round that are posted, disputed or recognised: village, head's name and proposed " +
                "classification, with the posting period. No ID numbers, no dates of birth. Ordered by village then head's name. As JSON, " +
                "CSV (UTF-8 with BOM) or XLSX: ?format=json|csv|xlsx or the Accept header.")
            .Produces<PostingListResponse>().Produces(200, contentType: ExportResults.CsvType).Produces(200, contentType: ExportResults.XlsxType)
            .ProducesProblem(404);

        var review = app.MapGroup("/api/v1/reviews/{id:guid}").WithTags(Tag).RequireAuthorization(Roles.CommuneOfficial);

        review.MapPost("/village-meeting", (Guid id, VillageMeetingRequest request, RoundService rounds, HttpContext http, CancellationToken ct) =>
                Change(http, expected => rounds.VillageMeeting(id, request, expected, ct)))
            .WithName("RecordVillageMeeting").WithSummary("Record the village meeting (họp dân)")
            .WithDescription("Date, attendees, votes in favour, who chaired. At least 50% in favour: the review moves to meeting-held. Under " +
                "50%: the review is returned (closed) and the household is surveyed again with a new review in the round.")
            .WithValidation<VillageMeetingRequest>()
            .Produces<ReviewResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        review.MapPost("/posting", (Guid id, PostingRequest request, RoundService rounds, HttpContext http, CancellationToken ct) =>
                Change(http, expected => rounds.Posting(id, request, expected, ct)))
            .WithName("PostReview").WithSummary("Start the public posting (niêm yết công khai)")
            .WithDescription("The posting lasts Procedure:PostingWorkingDays working days (default 3) from startDate: Monday to Friday, " +
                "except the public holidays entered (GET /api/v1/public-holidays). postingEnd is its last day, fixed when the posting " +
                "starts. Recognition is possible from the next day.")
            .WithValidation<PostingRequest>()
            .Produces<ReviewResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        review.MapPost("/complaints", (Guid id, ComplaintRequest request, RoundService rounds, HttpContext http, CancellationToken ct) =>
                Change(http, expected => rounds.Complaint(id, request, expected, ct)))
            .Idempotent()
            .AuditsReplayedPersonalData("review")
            .WithName("RecordComplaint").WithSummary("Record a complaint received during the posting")
            .WithDescription("The review becomes disputed and cannot be recognised until a re-check. A complaint outside the posting period is 409.")
            .WithValidation<ComplaintRequest>()
            .Produces<ReviewResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        review.MapPost("/recheck", (Guid id, RecheckRequest request, RoundService rounds, HttpContext http, CancellationToken ct) =>
                Change(http, expected => rounds.Recheck(id, request, expected, ct)))
            .WithName("RecordRecheck").WithSummary("Record the re-check (phúc tra) of a complaint")
            .WithDescription("outcome upheld: the result stands and a new posting starts on checkedOn; resurvey: the review is returned and " +
                "the household is surveyed again with a new review in the round.")
            .WithValidation<RecheckRequest>()
            .Produces<ReviewResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
    }

    static Task<IResult> Change(HttpContext http, Func<uint?, Task<Result<ReviewResponse>>> change) =>
        ETags.OptionalIfMatch(http.Request, async expected => (await change(expected)).ToHttp(r => TypedResults.Ok(r).WithETag(http, r.Version)));

    public static readonly IReadOnlyList<string> PostingHeadings =
        ["STT", "Thôn/ấp", "Họ và tên chủ hộ", "Đề xuất phân loại", "Niêm yết từ ngày", "Niêm yết đến ngày", "Tình trạng"];

    static ExportTable PostingTable(PostingListResponse list)
    {
        var title = list.Round.Month is { } month ? $"Niêm yết {month}" : $"Niêm yết {list.Round.Year}";
        return new ExportTable(title, PostingHeadings, Rows(list.Items));

        static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IReadOnlyList<PostingLineResponse> items)
        {
            foreach (var i in items)
                yield return [i.No, i.VillageName, i.HeadName, i.ProposedClassificationVi, i.PostingStart, i.PostingEnd, i.Status.LabelVi()];
            await Task.CompletedTask;
        }
    }
}
