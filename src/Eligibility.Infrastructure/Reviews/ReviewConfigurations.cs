using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;
using Eligibility.Domain.Units;
using Eligibility.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Eligibility.Infrastructure.Reviews;

/// <summary>Evidence kept whole as JSON (answers and reasons are read with their review, never queried one by one).</summary>
static class JsonColumn
{
    // Non-ASCII characters are written as they are (Vietnamese names and reasons would be \uXXXX escapes otherwise):
    // the stored text is what was recorded, readable, and about 15% shorter. This JSON only ever goes into the
    // database: never into HTML or any other output.
    // Absent properties are read as null, so nulls (an answer without a reason, a step's unused fields) are not written.
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new ReasonConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON a column holds, as UTF-8 bytes, for writers that bypass EF (the survey import's COPY): the same text EF writes.</summary>
    public static byte[] SerializeToUtf8<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>A column's JSON read as <typeparamref name="T"/> (properties <typeparamref name="T"/> lacks are skipped).</summary>
    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>Stored as <paramref name="columnType"/>: <c>json</c> for evidence (the text as written), <c>jsonb</c> elsewhere.</summary>
    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property, string columnType = "jsonb") where T : class =>
        property.HasColumnType(columnType).HasConversion(
            new ValueConverter<T, string>(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!),
            new ValueComparer<T>((a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(), v => v));
}

/// <summary>
/// A reason written by a template is stored as its code and values, <c>{"code": …, "args": […]}</c>, and its messages are
/// written again by the same template when read (<see cref="ReasonTemplates"/>); any other reason is stored with its
/// messages, <c>{"code": …, "messageVi": …, "messageEn": …}</c> (as every reason was before templates).
/// </summary>
sealed class ReasonConverter : JsonConverter<Reason>
{
    public override Reason Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A reason is a JSON object.");
        string? code = null, vi = null, en = null;
        List<string>? args = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "code": code = reader.GetString(); break;
                case "messageVi": vi = reader.GetString(); break;
                case "messageEn": en = reader.GetString(); break;
                case "args": args = JsonSerializer.Deserialize<List<string>>(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }
        if (code is null)
            throw new JsonException("A stored reason has no code.");
        if (args is not null)
            return ReasonTemplates.Render(code, args) ?? throw new JsonException($"No reason template has the code '{code}'.");
        return new Reason(code, vi ?? "", en ?? "");
    }

    public override void Write(Utf8JsonWriter writer, Reason value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("code", value.Code);
        if (value.Args is { } args)
        {
            writer.WriteStartArray("args");
            foreach (var arg in args)
                writer.WriteStringValue(arg);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("messageVi", value.MessageVi);
            writer.WriteString("messageEn", value.MessageEn);
        }
        writer.WriteEndObject();
    }
}

sealed class PovertyReviewConfiguration : IEntityTypeConfiguration<PovertyReview>
{
    public void Configure(EntityTypeBuilder<PovertyReview> b)
    {
        b.ToTable("poverty_reviews");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(r => r.HouseholdId).HasColumnName("household_id");
        b.Property(r => r.ProvinceCode).HasColumnName("province_code");
        b.Property(r => r.CommuneCode).HasColumnName("commune_code");
        b.Property(r => r.Kind).HasColumnName("kind").HasConversion(EnumText.Converter<ReviewKind>());
        b.Property(r => r.PeriodYear).HasColumnName("period_year");
        b.Property(r => r.SurveyDate).HasColumnName("survey_date");
        b.Property(r => r.EffectiveDate).HasColumnName("effective_date");
        b.Property(r => r.StandardCode).HasColumnName("standard_code");
        b.Property(r => r.StandardReason).HasColumnName("standard_reason").AsJson("json");
        b.Property(r => r.AreaType).HasColumnName("area_type").HasConversion(EnumText.Converter<AreaType>());
        b.Property(r => r.PovertyLine).HasColumnName("poverty_line").HasColumnType("numeric(14,0)");
        b.Property(r => r.MiddleLivingCeiling).HasColumnName("middle_living_ceiling").HasColumnType("numeric(16,2)");
        b.Property(r => r.MemberCount).HasColumnName("member_count");
        b.Property(r => r.HouseholdIncome12Months).HasColumnName("household_income_12_months").HasColumnType("numeric(16,0)");
        b.Property(r => r.IncomePerPersonMonthly).HasColumnName("income_per_person_monthly").HasColumnType("numeric(16,2)");
        b.Property(r => r.FloorArea).HasColumnName("floor_area").HasColumnType("numeric(8,2)");
        b.Property(r => r.DeprivationCount).HasColumnName("deprivation_count");
        b.Property(r => r.Classification).HasColumnName("classification").HasConversion(EnumText.Converter<Classification>());
        b.Property(r => r.Indicators).HasColumnName("indicators").AsJson("json");
        b.Property(r => r.Reasons).HasColumnName("reasons").AsJson("json");
        b.Property(r => r.Status).HasColumnName("status").HasConversion(EnumText.Converter<ReviewStatus>());
        b.Property(r => r.RoundId).HasColumnName("round_id");
        b.Property(r => r.PostingStart).HasColumnName("posting_start");
        b.Property(r => r.PostingEnd).HasColumnName("posting_end");
        b.Property(r => r.Steps).HasColumnName("steps").AsJson("json");
        b.Property(r => r.DecisionNumber).HasColumnName("decision_number");
        b.Property(r => r.DecisionDate).HasColumnName("decision_date");
        b.Property(r => r.Signer).HasColumnName("signer");
        b.Property(r => r.RecognisedAt).HasColumnName("recognised_at");
        b.Property(r => r.CreatedAt).HasColumnName("created_at");
        b.Property(r => r.Version).IsRowVersion();
    }
}

sealed class HouseholdStatusConfiguration : IEntityTypeConfiguration<HouseholdStatus>
{
    public void Configure(EntityTypeBuilder<HouseholdStatus> b)
    {
        b.ToTable("household_statuses");
        b.HasKey(s => s.ReviewId);
        b.Property(s => s.ReviewId).HasColumnName("review_id").ValueGeneratedNever();
        b.Property(s => s.HouseholdId).HasColumnName("household_id");
        b.Property(s => s.ProvinceCode).HasColumnName("province_code");
        b.Property(s => s.CommuneCode).HasColumnName("commune_code");
        b.Property(s => s.Classification).HasColumnName("classification").HasConversion(EnumText.Converter<Classification>());
        b.Property(s => s.StandardCode).HasColumnName("standard_code");
        b.Property(s => s.EffectiveDate).HasColumnName("effective_date");
        b.Property(s => s.ValidTo).HasColumnName("valid_to");
        b.Property(s => s.IncomePerPersonMonthly).HasColumnName("income_per_person_monthly").HasColumnType("numeric(16,2)");
        b.Property(s => s.DeprivationCount).HasColumnName("deprivation_count");
        b.Property(s => s.WithinIncome150).HasColumnName("within_income_150");
        b.Property(s => s.EscapeDate).HasColumnName("escape_date");
        b.Property(s => s.DecisionNumber).HasColumnName("decision_number");
        b.Property(s => s.DecisionDate).HasColumnName("decision_date");
        b.Property(s => s.Signer).HasColumnName("signer");
        b.Property(s => s.RecognisedAt).HasColumnName("recognised_at");
    }
}

sealed class ReviewRoundConfiguration : IEntityTypeConfiguration<ReviewRound>
{
    public void Configure(EntityTypeBuilder<ReviewRound> b)
    {
        b.ToTable("review_rounds");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(r => r.ProvinceCode).HasColumnName("province_code");
        b.Property(r => r.CommuneCode).HasColumnName("commune_code");
        b.Property(r => r.Kind).HasColumnName("kind").HasConversion(EnumText.Converter<ReviewKind>());
        b.Property(r => r.Year).HasColumnName("year");
        b.Property(r => r.Month).HasColumnName("month");
        b.Property(r => r.WindowStart).HasColumnName("window_start");
        b.Property(r => r.WindowEnd).HasColumnName("window_end");
        b.Property(r => r.CreatedAt).HasColumnName("created_at");
    }
}

sealed class ReviewRoundRequestConfiguration : IEntityTypeConfiguration<ReviewRoundRequest>
{
    public void Configure(EntityTypeBuilder<ReviewRoundRequest> b)
    {
        b.ToTable("review_round_requests");
        b.HasKey(r => new { r.RoundId, r.HouseholdId });
        b.Property(r => r.RoundId).HasColumnName("round_id");
        b.Property(r => r.HouseholdId).HasColumnName("household_id");
        b.Property(r => r.ProvinceCode).HasColumnName("province_code");
        b.Property(r => r.CommuneCode).HasColumnName("commune_code");
        b.Property(r => r.FiledOn).HasColumnName("filed_on");
        b.Property(r => r.Reason).HasColumnName("reason");
        b.Property(r => r.CreatedAt).HasColumnName("created_at");
    }
}
