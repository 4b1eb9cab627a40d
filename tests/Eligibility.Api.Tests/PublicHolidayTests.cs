using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Public holidays are data an admin enters (for days after today); a public posting counts working days without them,
/// and a posting already started keeps its end.
/// </summary>
public sealed class PublicHolidayTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly ProcedureArrange a = new(api);
    readonly HttpClient admin = api.Admin();

    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    /// <summary>The weekdays after today: the working days while no holiday is entered.</summary>
    static List<DateOnly> WeekdaysAfterToday() =>
        Enumerable.Range(1, 14).Select(Today.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();

    static object Holiday(DateOnly day, string nameVi = "Nghỉ bù") =>
        new { day, nameVi, nameEn = "Compensatory day off", legalBasis = "Thông báo của Bộ Nội vụ (verify)" };

    async Task<string> PostedToday(string head)
    {
        var round = await a.RegularRound(UrbanCommune, $"{Today:yyyy-MM}");
        var (household, _) = await a.Household(UrbanCommune, api.UrbanVillage, head);
        await a.Request(UrbanCommune, round, household, $"{Today:yyyy-MM-dd}");
        // A regular review takes effect on its decision day: from 2027 on, under the 2027-2030 standard and its indicators.
        var review = await a.Review(UrbanCommune, round, household, $"{Today:yyyy-MM-dd}", periodic: Today.Year >= 2027);
        await (await a.Meeting(UrbanCommune, review, $"{Today:yyyy-MM-dd}")).Expect(HttpStatusCode.OK);
        var posted = await (await a.Posting(UrbanCommune, review, $"{Today:yyyy-MM-dd}")).Expect(HttpStatusCode.OK);
        return (string)posted["procedure"]!["postingEnd"]!;
    }

    [Fact]
    public async Task APosting_SkipsTheHolidaysEnteredBeforeItStarts()
    {
        var weekdays = WeekdaysAfterToday();
        var todayCounts = Today.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        // Three working days: today (if a weekday) and the next ones.
        var before = await PostedToday("Hoàng Thị Trước");
        Assert.Equal($"{weekdays[todayCounts ? 1 : 2]:yyyy-MM-dd}", before);

        // The next two weekdays become holidays: a posting from today ends two working days later.
        foreach (var day in weekdays.Take(2))
            await (await admin.Post("/api/v1/admin/public-holidays", Holiday(day))).Expect(HttpStatusCode.Created);
        var after = await PostedToday("Hoàng Thị Sau");
        Assert.Equal($"{weekdays[todayCounts ? 3 : 4]:yyyy-MM-dd}", after);

        var listed = await (await admin.GetAsync($"/api/v1/public-holidays?year={weekdays[0].Year}")).Expect(HttpStatusCode.OK);
        Assert.Contains($"{weekdays[0]:yyyy-MM-dd}", listed.AsArray().Select(h => (string)h!["day"]!));
    }

    [Fact]
    public async Task OnlyAnAdmin_EntersAFutureDayOnce_AndRemovesIt_EachChangeAudited()
    {
        var day = Today.AddDays(200);
        await (await api.Official(UrbanCommune).Post("/api/v1/admin/public-holidays", Holiday(day))).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("day", await (await admin.Post("/api/v1/admin/public-holidays", Holiday(Today))).ExpectValidationErrors());
        Assert.Contains("nameVi", await (await admin.Post("/api/v1/admin/public-holidays", Holiday(day, nameVi: " "))).ExpectValidationErrors());
        Assert.Contains("day", await (await admin.Post("/api/v1/admin/public-holidays", Holiday(new DateOnly(2101, 1, 1)))).ExpectValidationErrors());

        var created = await (await admin.Post("/api/v1/admin/public-holidays", Holiday(day, "Giỗ Tổ Hùng Vương"))).Expect(HttpStatusCode.Created);
        Assert.Equal("Giỗ Tổ Hùng Vương", (string)created["nameVi"]!);
        var twice = await (await admin.Post("/api/v1/admin/public-holidays", Holiday(day))).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("holiday-exists", (string)twice["code"]!);
        // Every role reads them.
        var read = await (await api.Official(UrbanCommune).GetAsync($"/api/v1/public-holidays?year={day.Year}")).Expect(HttpStatusCode.OK);
        Assert.Contains($"{day:yyyy-MM-dd}", read.AsArray().Select(h => (string)h!["day"]!));
        Assert.Contains("year", await (await admin.GetAsync("/api/v1/public-holidays?year=1999")).ExpectValidationErrors());

        await (await admin.Send(HttpMethod.Delete, $"/api/v1/admin/public-holidays/{Today:yyyy-MM-dd}")).ExpectValidationErrors();
        await (await admin.Send(HttpMethod.Delete, $"/api/v1/admin/public-holidays/{day.AddDays(1):yyyy-MM-dd}")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Send(HttpMethod.Delete, $"/api/v1/admin/public-holidays/{day:yyyy-MM-dd}")).StatusCode);
        var after = await (await admin.GetAsync($"/api/v1/public-holidays?year={day.Year}")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain($"{day:yyyy-MM-dd}", after.AsArray().Select(h => (string)h!["day"]!));

        var entries = await api.AuditEntries($"entity=public-holiday&entityId={day:yyyy-MM-dd}");
        Assert.Equal(["create", "delete"], entries.Select(e => (string)e["action"]!));
        Assert.Equal("Giỗ Tổ Hùng Vương", (string)entries[1]["before"]!["name_vi"]!);
    }
}
