using Eligibility.Api.Audit;
using Eligibility.Api.Http;
using Eligibility.Application.Common;
using Eligibility.Application.Reviews;

namespace Eligibility.Api.Endpoints;

public static class ReviewEndpoints
{
    public static void MapReviews(this IEndpointRouteBuilder app)
    {
        var households = app.MapGroup("/api/v1/households/{id:guid}").WithTags("Poverty reviews").RequireAuthorization(Roles.CommuneOfficial);

        households.MapPost("/reviews", async (Guid id, CreateReviewRequest request, ReviewService reviews, HttpContext http, CancellationToken ct) =>
                (await reviews.Record(id, request, ct)).ToHttp(r => TypedResults.Created($"/api/v1/reviews/{r.Id}", r).WithETag(http, r.Version)))
            .Idempotent()
            .AuditsReplayedPersonalData("review")
            .WithName("RecordReview").WithSummary("Record a poverty review and classify the household")
            .WithDescription("Records a periodic (with periodYear) or regular review: income per person per month, or the household's 12-month " +
                "income divided by 12 and by the member count, and an answer per indicator of the applicable standard. housing-area " +
                "(from floorArea), health-insurance, dependants and child-schooling may be left out when the members' facts allow deriving " +
                "them; the response lists which were derived. A periodic review of year Y takes effect on 1 January Y+1 and uses the " +
                "standard in force then; a regular review takes effect on its decision date.")
            .WithValidation<CreateReviewRequest>()
            .Produces<ReviewResponse>(201).ProducesProblem(404);

        households.MapGet("/reviews", async (Guid id, ReviewService reviews, CancellationToken ct) =>
                (await reviews.OfHousehold(id, ct)).ToHttp(TypedResults.Ok))
            .AuditsPersonalDataRead("review")
            .WithName("ListReviewsOfHousehold").WithSummary("List a household's reviews")
            .WithDescription("Every review of the household, recognised or not, oldest first.")
            .Produces<IReadOnlyList<ReviewResponse>>().ProducesProblem(404);

        households.MapGet("/status-history", async (Guid id, ReviewService reviews, CancellationToken ct) =>
                (await reviews.StatusHistory(id, ct)).ToHttp(TypedResults.Ok))
            .AuditsPersonalDataRead("status", idProperty: "reviewId")
            .WithName("GetStatusHistory").WithSummary("The household's recognised statuses")
            .WithDescription("Each recognised status with its standard, effective date, the day it ended (validTo), the escape date where the " +
                "household left poor or near-poor status, and the recognising decision. Kept forever as evidence.")
            .Produces<IReadOnlyList<StatusResponse>>().ProducesProblem(404);

        var reviewsGroup = app.MapGroup("/api/v1/reviews/{id:guid}").WithTags("Poverty reviews").RequireAuthorization(Roles.CommuneOfficial);

        reviewsGroup.MapGet("/", async (Guid id, ReviewService reviews, HttpContext http, CancellationToken ct) =>
                (await reviews.Get(id, ct)).ToHttp(r => TypedResults.Ok(r).WithETag(http, r.Version)))
            .AuditsPersonalDataRead("review")
            .WithName("GetReview").WithSummary("Get a review")
            .WithDescription("The standard applied and why, the poverty line, income against it, each indicator (deprived, recorded or " +
                "derived), the deprivation count, the classification with reasons in Vietnamese and English, and the recognition if any.")
            .Produces<ReviewResponse>().ProducesProblem(404);

        reviewsGroup.MapPost("/recognition", (Guid id, RecognitionRequest request, ReviewService reviews, HttpContext http, CancellationToken ct) =>
                // If-Match is optional here: recognising twice is refused anyway (409).
                ETags.OptionalIfMatch(http.Request, async expected =>
                    (await reviews.Recognise(id, request, expected, ct)).ToHttp(r => TypedResults.Ok(r).WithETag(http, r.Version))))
            .WithName("RecogniseReview").WithSummary("Recognise a review's result")
            .WithDescription("Records the commune chairman's decision (number, date, signer): the result becomes the household's official " +
                "status from its effective date. A regular review takes effect on the decision date, which must fall under the standard " +
                "it was classified by. Recognising twice, or a second status taking effect the same day, is 409.")
            .WithValidation<RecognitionRequest>()
            .Produces<ReviewResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
    }
}
