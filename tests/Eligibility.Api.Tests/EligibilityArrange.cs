using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>The test communes, the rural one especially difficult, with two villages each in the first two.</summary>
public sealed class EligibilityApi : ApiFactory, IAsyncLifetime
{
    public Guid UrbanVillage { get; private set; }
    public Guid RuralVillage { get; private set; }
    public Guid RuralVillage2 { get; private set; }
    public Guid OtherProvinceVillage { get; private set; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await Arrange.Units(this);
        await Execute($"UPDATE communes SET especially_difficult = true WHERE code = '{RuralCommune}'");
        UrbanVillage = await Village(this, UrbanCommune, "Tổ dân phố 1");
        RuralVillage = await Village(this, RuralCommune, "Thôn Liêng Trang");
        RuralVillage2 = await Village(this, RuralCommune, "Thôn Đạ Nhar");
        OtherProvinceVillage = await Village(this, OtherProvinceCommune, "Khu phố 1");
    }
}

/// <summary>A recognised status to arrange: classification, effective date and the review's figures.</summary>
public sealed record StatusSpec(string Classification, string EffectiveDate, decimal? Income = null, int? Deprivations = null);

public static class EligibilityArrange
{
    static int serial = 500_000;

    /// <summary>A well-formed ID number no other test uses.</summary>
    public static string NewPersonalId(string sex, int birthYear) => PersonalId(sex, birthYear, Interlocked.Increment(ref serial));

    public static object Adult(string name, string dateOfBirth, string relationship = "head", string sex = "male",
        bool ethnicMinority = false, bool hasDisability = false, string? personalId = null) =>
        new { fullName = name, dateOfBirth, sex, relationship, personalId, ethnicMinority, hasDisability };

    /// <summary>Registers a household through the API and returns its body (id, members in listing order, ...).</summary>
    public static async Task<JsonNode> Household(ApiFactory api, string commune, Guid village, params object[] members)
    {
        var response = await api.Official(commune).Post("/api/v1/households", Arrange.Household(commune, village, members));
        return await response.Expect(HttpStatusCode.Created);
    }

    static (string Standard, decimal Line) StandardOn(DateOnly effective, bool urban) =>
        effective >= new DateOnly(2027, 1, 1) ? ("2027-2030", urban ? 2_800_000m : 2_200_000m) : ("2022-2025", urban ? 2_000_000m : 1_500_000m);

    /// <summary>
    /// Records recognised statuses the way recognition does (the other use case writes them; this writes the rows
    /// directly): a recognised poverty_reviews row per status and its household_statuses row, with valid_to (the next
    /// status's effective date), within_income_150 (income at most 1.5 × the line of its own standard and area) and
    /// escape_date (the first status above near-poor after the last poor or near-poor one) settled for the chain.
    /// Replaces any statuses the household had. Statuses are given in recognition order.
    /// </summary>
    public static async Task Statuses(ApiFactory api, Guid householdId, params StatusSpec[] chain)
    {
        await api.Scalar<object>("""
            DELETE FROM household_statuses WHERE household_id = @id;
            DELETE FROM poverty_reviews WHERE household_id = @id;
            """, ("id", householdId));
        bool urban = await api.Scalar<string>("SELECT c.area_type FROM households h JOIN communes c ON c.code = h.commune_code WHERE h.id = @id",
            ("id", householdId)) == "urban";

        var ordered = chain.Select((s, i) => (Spec: s, Order: i, Effective: DateOnly.Parse(s.EffectiveDate)))
            .OrderBy(s => s.Effective).ThenBy(s => s.Order).ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            var (spec, order, effective) = ordered[i];
            var (standard, line) = StandardOn(effective, urban);
            decimal income = spec.Income ?? spec.Classification switch
            {
                "poor" => line - 500_000m,
                "near-poor" => line - 100_000m,
                "middle-living" => line + 100_000m,
                _ => line * 3,
            };
            int deprivations = spec.Deprivations ?? (spec.Classification == "poor" ? 4 : 1);
            DateOnly? validTo = i + 1 < ordered.Count ? ordered[i + 1].Effective : null;
            DateOnly? escape = null;
            if (spec.Classification is "middle-living" or "not-poor")
            {
                int lastPoor = ordered.FindLastIndex(i, s => s.Spec.Classification is "poor" or "near-poor");
                if (lastPoor >= 0)
                    escape = ordered[lastPoor + 1].Effective;
            }

            var reviewId = Guid.CreateVersion7();
            var recognisedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(order);
            await api.Scalar<object>("""
                INSERT INTO poverty_reviews (id, household_id, province_code, commune_code, kind, period_year, survey_date, effective_date,
                    standard_code, area_type, poverty_line, middle_living_ceiling, member_count, income_per_person_monthly, deprivation_count,
                    classification, indicators, reasons, standard_reason, status, decision_number, decision_date, signer, recognised_at, created_at)
                SELECT @review, h.id, h.province_code, h.commune_code, 'regular', NULL, @effective - 20, @effective,
                    @standard, @area, @line, @line * 1.5, 1, @income, @deprivations,
                    @classification, '[]', '[]', '{}', 'recognised', @decision, @effective, 'Chủ tịch UBND xã', @recognisedAt, @recognisedAt
                FROM households h WHERE h.id = @household;
                INSERT INTO household_statuses (review_id, household_id, province_code, commune_code, classification, standard_code,
                    effective_date, valid_to, income_per_person_monthly, deprivation_count, within_income_150, escape_date,
                    decision_number, decision_date, signer, recognised_at)
                SELECT @review, h.id, h.province_code, h.commune_code, @classification, @standard,
                    @effective, @validTo::date, @income, @deprivations, @income <= @line * 1.5, @escape::date,
                    @decision, @effective, 'Chủ tịch UBND xã', @recognisedAt
                FROM households h WHERE h.id = @household;
                """,
                ("review", reviewId), ("household", householdId), ("effective", effective), ("standard", standard),
                ("area", urban ? "urban" : "rural"), ("line", line), ("income", income), ("deprivations", deprivations),
                ("classification", spec.Classification), ("decision", $"{order + 1}/QĐ-UBND"), ("recognisedAt", recognisedAt),
                ("validTo", (object?)validTo ?? DBNull.Value), ("escape", (object?)escape ?? DBNull.Value));
        }
    }
}
