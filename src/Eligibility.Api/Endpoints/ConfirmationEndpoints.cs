using Eligibility.Api.Audit;
using Eligibility.Api.Http;
using Eligibility.Application.Audit;
using Eligibility.Application.Common;
using Eligibility.Application.Confirmation;
using Eligibility.Domain.Confirmation;
using Microsoft.AspNetCore.Authorization;

namespace Eligibility.Api.Endpoints;

public static class ConfirmationEndpoints
{
    const string Tag = "Confirmation lists";

    const string CanonicalForm =
        "contentHash is SHA-256, lowercase hex, of this UTF-8 text built from the JSON of GET /api/v1/confirmation-lists/{id} (as a " +
        "commune official reads it), each line ending in \\n: 'confirmation-list/v1', 'id={id}', 'commune={communeCode}', " +
        "'programme={programme or empty}', 'asOf={asOf}', 'replaces={replaces or empty}', 'number={signature.number}', " +
        "'date={signature.date}', 'signer={signature.signer}', then per line in stt order 'line=' followed by stt, requestId, borrowerName, " +
        "villageName, category (or empty), programme, amount, purpose, termMonths, result, reason (or empty) joined by tabs. Ids are " +
        "lowercase hyphenated UUIDs, dates YYYY-MM-DD, amount and termMonths plain integers; in every value a backslash is written \\\\, " +
        "a tab \\t, a line feed \\n, a carriage return \\r. Every text value is in Unicode NFC (the API composes every string it " +
        "receives), so compute the hash on NFC text.";

    public static void MapConfirmationLists(this IEndpointRouteBuilder app)
    {
        var readers = new AuthorizeAttribute { Roles = $"{Roles.CommuneOfficial},{Roles.AssociationOfficer}" };

        app.MapPost("/api/v1/communes/{code}/confirmation-lists", async (string code, CompileListRequest request, ConfirmationService lists,
                HttpContext http, CancellationToken ct) =>
                (await lists.Compile(code, request, ct)).ToHttp(l => TypedResults.Created($"/api/v1/confirmation-lists/{l.Id}", l).WithETag(http, l.Version)))
            .Idempotent()
            .AuditsReplayedPersonalData("confirmation-list")
            .WithTags(Tag).RequireAuthorization(Roles.CommuneOfficial)
            .WithName("CompileConfirmationList").WithSummary("Compile a draft confirmation list from the commune's approved loan requests")
            .WithDescription("Takes the commune's approved requests (one programme, or all) that are not on another draft list, ordered by village " +
                "and borrower name, and re-checks each household's eligibility for the request's programme on asOf (default today; not in " +
                "the future). A household no longer eligible stays on the list, flagged with the reasons, for the official to refuse. " +
                "'replaces' names a signed list this one corrects: its requests may appear again, and it then shows replacedBy. " +
                "Another commune's list to replace is 404; a draft one or one already corrected is 409.")
            .WithValidation<CompileListRequest>()
            .Produces<ConfirmationListResponse>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        app.MapGet("/api/v1/communes/{code}/confirmation-lists", async (string code, int? page, int? pageSize, ConfirmationService lists, CancellationToken ct) =>
            {
                if (page is < 1 || pageSize is < 1 or > PageRequest.MaxPageSize)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [page is < 1 ? "page" : "pageSize"] = [$"The page is 1 or more; the page size 1 to {PageRequest.MaxPageSize}."],
                    }, title: "The request is not valid.");
                return (await lists.OfCommune(code, new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct)).ToHttp(TypedResults.Ok);
            })
            .WithTags(Tag).RequireAuthorization(readers)
            .WithName("ListConfirmationLists").WithSummary("The commune's confirmation lists, newest first")
            .WithDescription("Without their lines. An association officer sees only the lists holding its own groups' requests (lineCount " +
                "counts those lines); a commune it has no association in is 404.")
            .Produces<Paged<ConfirmationListSummary>>().ProducesValidationProblem().ProducesProblem(404);

        var list = app.MapGroup("/api/v1/confirmation-lists/{id:guid}").WithTags(Tag);

        list.MapGet("/", async (Guid id, string? format, ConfirmationService lists, IExportWriter writer, IAuditLog audit, HttpContext http, CancellationToken ct) =>
            {
                var chosen = ExportResults.Negotiate(http.Request, format);
                if (!chosen.IsSuccess)
                    return ResultHttp.Problem(chosen.Errors);
                if (chosen.Value == ExportFormat.Json)
                    return (await lists.Get(id, ct)).ToHttp(l => TypedResults.Ok(l).WithETag(http, l.Version));
                var table = await lists.Export(id, ct);
                if (!table.IsSuccess)
                    return ResultHttp.Problem(table.Errors);
                // A file is not a JSON body the read filter can see: the read of the borrowers' names is recorded here.
                await audit.RecordRead(new PersonalDataRead("confirmation-list", id.ToString(), null, null, null), ct);
                return ExportResults.File(table.Value, chosen.Value, $"danh-sach-xac-nhan-{id:N}", writer);
            })
            .AuditsPersonalDataRead("confirmation-list")
            .RequireAuthorization(readers)
            .WithName("GetConfirmationList").WithSummary("A confirmation list with its lines, as JSON, CSV or XLSX")
            .WithDescription("?format=json|csv|xlsx, or the Accept header (text/csv, the XLSX media type). The files carry the form's columns " +
                "in order with Vietnamese headings: STT, Họ và tên người vay, Thôn, Đối tượng, Chương trình, Số tiền đề nghị, Mục đích, " +
                "Thời hạn (tháng), Kết quả xác nhận, Lý do, Ghi chú khi lập danh sách; CSV is UTF-8 with a byte-order mark. An association " +
                "officer reads only its own groups' lines, and a list without any is 404. " + CanonicalForm)
            .Produces<ConfirmationListResponse>()
            .Produces(200, contentType: ExportResults.CsvType).Produces(200, contentType: ExportResults.XlsxType)
            .ProducesProblem(404);

        list.MapPost("/lines/{lineId:guid}/decision", (Guid id, Guid lineId, LineDecisionRequest request, ConfirmationService lists, HttpContext http,
                CancellationToken ct) => ETags.IfMatch(http.Request, async version =>
                (await lists.Decide(id, lineId, request, version, ct)).ToHttp(l => TypedResults.Ok(l).WithETag(http, l.Version))))
            .RequireAuthorization(Roles.CommuneOfficial)
            .WithName("DecideConfirmationLine").WithSummary("Confirm or refuse a line")
            .WithDescription("result confirmed or refused (refused needs a reason). A flagged line (household not eligible on asOf) can only " +
                "be refused. Needs If-Match with the list's ETag; answers the whole list with its new ETag. A signed list is 409.")
            .WithValidation<LineDecisionRequest>()
            .Produces<ConfirmationListResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);

        list.MapPost("/signature", (Guid id, SignListRequest request, ConfirmationService lists, HttpContext http, CancellationToken ct) =>
                ETags.IfMatch(http.Request, async version =>
                    (await lists.Sign(id, request, version, ct)).ToHttp(l => TypedResults.Ok(l).WithETag(http, l.Version))))
            .RequireAuthorization(Roles.CommuneOfficial)
            .WithName("SignConfirmationList").WithSummary("Sign the list (decision number, date, signer)")
            .WithDescription("The date is no later than today in Vietnam (400 naming date). Refused (409) while any line is undecided. Stores the content hash, and moves each request to confirmed or " +
                "refused. Needs If-Match with the list's ETag. A signed list never changes: any later write is 409. " + CanonicalForm)
            .WithValidation<SignListRequest>()
            .Produces<ConfirmationListResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);

        list.MapDelete("/", (Guid id, ConfirmationService lists, HttpContext http, CancellationToken ct) =>
                ETags.IfMatch(http.Request, async version => (await lists.Discard(id, version, ct)).ToHttp(_ => TypedResults.NoContent())))
            .RequireAuthorization(Roles.CommuneOfficial)
            .WithName("DiscardConfirmationList").WithSummary("Discard a draft list")
            .WithDescription("Deletes a draft (unsigned) list with its lines, e.g. one compiled on the wrong date or programme: its requests " +
                "are again approved and not on any draft, ready for a new list, and a signed list it corrected may be corrected again. " +
                "Needs If-Match with the list's ETag. A signed list is evidence and is never deleted (409). The audit trail keeps what " +
                "the draft held (its requests and the decisions made on them).")
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
    }
}
