using Eligibility.Domain.Common;
using Eligibility.Domain.Households;

namespace Eligibility.Domain.Policy;

/// <summary>The facts about one member that the mechanical indicators use. Null means not recorded.</summary>
public sealed record MemberIndicatorFacts(
    DateOnly DateOfBirth,
    bool? HasHealthInsurance,
    Schooling? Schooling,
    bool ReceivesSocialAllowance,
    bool HasDisability);

/// <summary>An indicator's answer derived from facts; <see cref="Deprived"/> is null when the facts do not allow it.</summary>
public sealed record DerivedAnswer(string IndicatorCode, bool? Deprived, Reason Reason)
{
    public bool Derived => Deprived is not null;
}

public enum AnswerSource
{
    Recorded,
    Derived,
}

/// <summary>The answer used for one indicator of the applicable standard, and where it came from.</summary>
public sealed record IndicatorAnswer(Indicator Indicator, bool Deprived, AnswerSource Source, Reason? Reason);

/// <summary>
/// Derives the indicators whose rule is mechanical (Circular 07/2021/TT-BLĐTBXH) from recorded facts, so a reviewer
/// need not answer them, and says which facts are missing when it cannot.
/// </summary>
public static class IndicatorDerivation
{
    /// <summary>
    /// Answers for the derivable indicators that the standard has, with ages counted on <paramref name="onDate"/>. An
    /// indicator whose threshold is not confirmed on <paramref name="thresholdsOn"/> (the day the result takes effect;
    /// <paramref name="onDate"/> when not given) is not derived: its answer must be recorded (domain notes §9).
    /// </summary>
    public static IReadOnlyList<DerivedAnswer> Derive(
        IReadOnlyList<Indicator> indicators, DerivationThresholds thresholds, DateOnly onDate,
        IReadOnlyList<MemberIndicatorFacts> members, decimal? floorAreaSquareMetres, DateOnly? thresholdsOn = null)
    {
        var answers = new List<DerivedAnswer>();
        foreach (var indicator in indicators)
        {
            if (!Derivable.Contains(indicator.Code))
                continue;
            if (indicator.ThresholdOn(thresholdsOn ?? onDate) is { Confirmed: false } unconfirmed)
            {
                answers.Add(Missing(indicator.Code, ThresholdUnconfirmed, unconfirmed.Source));
                continue;
            }
            DerivedAnswer? answer = indicator.Code switch
            {
                IndicatorCodes.HousingArea => HousingArea(thresholds, members.Count, floorAreaSquareMetres),
                IndicatorCodes.HealthInsurance => HealthInsurance(thresholds, onDate, members),
                IndicatorCodes.Dependants => Dependants(thresholds, onDate, members),
                IndicatorCodes.ChildSchooling => ChildSchooling(thresholds, onDate, members),
                _ => null,
            };
            if (answer is not null)
                answers.Add(answer);
        }
        return answers;
    }

    static readonly HashSet<string> Derivable =
        [IndicatorCodes.HousingArea, IndicatorCodes.HealthInsurance, IndicatorCodes.Dependants, IndicatorCodes.ChildSchooling];

    static DerivedAnswer HousingArea(DerivationThresholds t, int memberCount, decimal? floorArea)
    {
        const string code = IndicatorCodes.HousingArea;
        if (floorArea is null)
            return Missing(code, FloorAreaNotRecorded);
        if (memberCount == 0)
            return Missing(code, NoMembers);

        // Compare area with threshold × members rather than dividing, so the boundary is exact.
        bool deprived = floorArea.Value < t.MinFloorAreaPerPerson * memberCount;
        decimal perPerson = Math.Round(floorArea.Value / memberCount, 2);
        return new DerivedAnswer(code, deprived,
            (deprived ? HousingAreaBelowMinimum : HousingAreaSufficient).With(Arg.Of(perPerson), Arg.Of(t.MinFloorAreaPerPerson)));
    }

    static DerivedAnswer HealthInsurance(DerivationThresholds t, DateOnly onDate, IReadOnlyList<MemberIndicatorFacts> members)
    {
        const string code = IndicatorCodes.HealthInsurance;
        var concerned = members.Where(m => Ages.On(m.DateOfBirth, onDate) >= t.HealthInsuranceFromAge).ToList();
        string fromAge = Arg.Of(t.HealthInsuranceFromAge);
        int uninsured = concerned.Count(m => m.HasHealthInsurance == false);
        if (uninsured > 0)
            return new DerivedAnswer(code, true, MemberWithoutHealthInsurance.With(Arg.Of(uninsured), fromAge));
        int unknown = concerned.Count(m => m.HasHealthInsurance is null);
        if (unknown > 0)
            return Missing(code, HealthInsuranceNotRecorded, Arg.Of(unknown), fromAge);
        return new DerivedAnswer(code, false, MembersInsured.With(fromAge));
    }

    static DerivedAnswer Dependants(DerivationThresholds t, DateOnly onDate, IReadOnlyList<MemberIndicatorFacts> members)
    {
        const string code = IndicatorCodes.Dependants;
        if (members.Count == 0)
            return Missing(code, NoMembers);

        // Circular 07/2021: dependants are children under 16, and elderly or disabled people on monthly social allowance.
        int dependants = members.Count(m =>
        {
            int age = Ages.On(m.DateOfBirth, onDate);
            return age < t.ChildUnderAge || (m.ReceivesSocialAllowance && (m.HasDisability || age >= t.ElderlyFromAge));
        });
        bool deprived = dependants > t.MaxDependantsShare * members.Count;
        return new DerivedAnswer(code, deprived,
            (deprived ? DependantsAboveShare : DependantsWithinShare).With(Arg.Of(dependants), Arg.Of(members.Count), Arg.Of(t.MaxDependantsShare * 100)));
    }

    static DerivedAnswer ChildSchooling(DerivationThresholds t, DateOnly onDate, IReadOnlyList<MemberIndicatorFacts> members)
    {
        const string code = IndicatorCodes.ChildSchooling;
        var children = members.Where(m => Ages.On(m.DateOfBirth, onDate) is var age && age >= t.SchoolingFromAge && age < t.SchoolingUnderAge).ToList();
        string fromAge = Arg.Of(t.SchoolingFromAge), underAge = Arg.Of(t.SchoolingUnderAge);
        // Deprived when a child does not attend at the right level for their age: behind counts as well as not attending.
        int notAtRightLevel = children.Count(m => m.Schooling is Schooling.Behind or Schooling.NotAttending);
        if (notAtRightLevel > 0)
            return new DerivedAnswer(code, true, ChildNotAtRightLevel.With(Arg.Of(notAtRightLevel), fromAge, underAge));
        int unknown = children.Count(m => m.Schooling is null);
        if (unknown > 0)
            return Missing(code, SchoolingNotRecorded, Arg.Of(unknown), fromAge, underAge);
        return new DerivedAnswer(code, false, ChildrenAtRightLevel.With(fromAge, underAge));
    }

    static DerivedAnswer Missing(string code, string fact, params string[] values) =>
        new(code, null, CannotDerive.With([code, fact, .. values]));

    // Values: area per person, minimum per person.
    static readonly ReasonTemplate HousingAreaBelowMinimum = new("housing-area-below-minimum",
        a => $"Diện tích nhà ở bình quân {Text.Vi(a.Number(0))} m²/người, dưới {Text.Vi(a.Number(1))} m².",
        a => $"Floor area of {Text.En(a.Number(0))} m² per person, under {Text.En(a.Number(1))} m².");

    static readonly ReasonTemplate HousingAreaSufficient = new("housing-area-sufficient",
        a => $"Diện tích nhà ở bình quân {Text.Vi(a.Number(0))} m²/người, từ {Text.Vi(a.Number(1))} m² trở lên.",
        a => $"Floor area of {Text.En(a.Number(0))} m² per person, at least {Text.En(a.Number(1))} m².");

    // Values: members without insurance, from age.
    static readonly ReasonTemplate MemberWithoutHealthInsurance = new("member-without-health-insurance",
        a => $"{a[0]} thành viên từ {a[1]} tuổi trở lên không có bảo hiểm y tế.",
        a => $"{a[0]} member(s) aged {a[1]} or over have no health insurance.");

    // Values: from age.
    static readonly ReasonTemplate MembersInsured = new("members-insured",
        a => $"Mọi thành viên từ {a[0]} tuổi trở lên có bảo hiểm y tế.",
        a => $"Every member aged {a[0]} or over has health insurance.");

    // Values: dependants, members, largest share in percent.
    static readonly ReasonTemplate DependantsAboveShare = new("dependants-above-share",
        a => $"{a[0]}/{a[1]} thành viên là người phụ thuộc, trên {Text.Vi(a.Number(2))}%.",
        a => $"{a[0]} of {a[1]} members are dependants, more than {Text.En(a.Number(2))}%.");

    static readonly ReasonTemplate DependantsWithinShare = new("dependants-within-share",
        a => $"{a[0]}/{a[1]} thành viên là người phụ thuộc, không quá {Text.Vi(a.Number(2))}%.",
        a => $"{a[0]} of {a[1]} members are dependants, not more than {Text.En(a.Number(2))}%.");

    // Values: children not at the right level, from age, under age.
    static readonly ReasonTemplate ChildNotAtRightLevel = new("child-not-at-right-level",
        a => $"{a[0]} trẻ từ {a[1]} đến dưới {a[2]} tuổi không đi học đúng cấp học so với độ tuổi.",
        a => $"{a[0]} child(ren) aged {SchoolAges(a, 1)} do not attend school at the right level for their age.");

    // Values: from age, under age.
    static readonly ReasonTemplate ChildrenAtRightLevel = new("children-at-right-level",
        a => $"Mọi trẻ từ {a[0]} đến dưới {a[1]} tuổi đều đi học đúng cấp học so với độ tuổi.",
        a => $"Every child aged {SchoolAges(a, 0)} attends school at the right level for their age.");

    // The two below wrote reviews recorded before schooling had levels (migration 0021); kept to render that evidence.
    // Values: children not at school, from age, under age.
    static readonly ReasonTemplate ChildNotInSchool = new("child-not-in-school",
        a => $"{a[0]} trẻ từ {a[1]} đến dưới {a[2]} tuổi không đi học.",
        a => $"{a[0]} child(ren) aged {SchoolAges(a, 1)} do not attend school.");

    // Values: from age, under age.
    static readonly ReasonTemplate ChildrenInSchool = new("children-in-school",
        a => $"Mọi trẻ từ {a[0]} đến dưới {a[1]} tuổi đều đi học.",
        a => $"Every child aged {SchoolAges(a, 0)} attends school.");

    /// <summary>"6-15" for children from 6 to under 16.</summary>
    static string SchoolAges(ReasonArgs a, int from) => $"{a[from]}-{a.Integer(from + 1) - 1}";

    // The facts a cannot-derive reason names as missing (its second value; the first is the indicator's code).
    const string FloorAreaNotRecorded = "floor-area-not-recorded", NoMembers = "no-members",
        HealthInsuranceNotRecorded = "health-insurance-not-recorded", SchoolingNotRecorded = "schooling-not-recorded",
        ThresholdUnconfirmed = "threshold-unconfirmed";

    /// <summary>What each missing fact says, in both languages, from the values after the fact's name.</summary>
    static readonly Dictionary<string, (Func<ReasonArgs, string> Vi, Func<ReasonArgs, string> En)> MissingFacts = new()
    {
        [FloorAreaNotRecorded] = (_ => "Chưa ghi diện tích nhà ở.", _ => "The floor area is not recorded."),
        [NoMembers] = (_ => "Hộ chưa có thành viên.", _ => "The household has no members."),
        [HealthInsuranceNotRecorded] = (
            a => $"Chưa ghi bảo hiểm y tế của {a[2]} thành viên từ {a[3]} tuổi trở lên.",
            a => $"Health insurance is not recorded for {a[2]} member(s) aged {a[3]} or over."),
        [SchoolingNotRecorded] = (
            a => $"Chưa ghi việc đi học của {a[2]} trẻ từ {a[3]} đến dưới {a[4]} tuổi.",
            a => $"School attendance is not recorded for {a[2]} child(ren) aged {SchoolAges(a, 3)}."),
        [ThresholdUnconfirmed] = (
            a => $"Ngưỡng của chỉ số chưa được xác nhận ({a[2]}), nên phải ghi câu trả lời.",
            a => $"Its threshold is not confirmed ({a[2]}), so the answer must be recorded."),
    };

    static readonly ReasonTemplate CannotDerive = new("cannot-derive",
        a => $"Không suy ra được chỉ số {a[0]}: {MissingFacts[a[1]].Vi(a)}",
        a => $"Cannot derive {a[0]}: {MissingFacts[a[1]].En(a)}");

    internal static IEnumerable<ReasonTemplate> Templates =>
    [
        HousingAreaBelowMinimum, HousingAreaSufficient, MemberWithoutHealthInsurance, MembersInsured, DependantsAboveShare,
        DependantsWithinShare, ChildNotAtRightLevel, ChildrenAtRightLevel, ChildNotInSchool, ChildrenInSchool, CannotDerive,
    ];

    /// <summary>
    /// One answer per indicator of the standard: the reviewer's recorded answer where given, else the derived one.
    /// Fails naming <c>{field}.{code}</c> for a code the standard does not have, or an answer neither given nor derivable.
    /// </summary>
    public static Result<IReadOnlyList<IndicatorAnswer>> Resolve(
        IReadOnlyList<Indicator> indicators, IReadOnlyDictionary<string, bool> recorded,
        IReadOnlyList<DerivedAnswer> derived, string field = "indicators")
    {
        var errors = recorded.Keys
            .Where(code => indicators.All(i => i.Code != code))
            .Select(code => Error.Invalid($"{field}.{code}", $"'{code}' is not an indicator of the applicable standard."))
            .ToList();

        var answers = new List<IndicatorAnswer>();
        foreach (var indicator in indicators)
        {
            var fromFacts = derived.FirstOrDefault(d => d.IndicatorCode == indicator.Code);
            if (recorded.TryGetValue(indicator.Code, out bool deprived))
                answers.Add(new IndicatorAnswer(indicator, deprived, AnswerSource.Recorded, null));
            else if (fromFacts is { Deprived: { } derivedValue })
                answers.Add(new IndicatorAnswer(indicator, derivedValue, AnswerSource.Derived, fromFacts.Reason));
            else
                errors.Add(Error.Invalid($"{field}.{indicator.Code}", fromFacts is null
                    ? $"An answer for '{indicator.Code}' is required."
                    : $"An answer for '{indicator.Code}' is required: {fromFacts.Reason.MessageEn}"));
        }
        return errors.Count > 0
            ? Result<IReadOnlyList<IndicatorAnswer>>.Failure(errors)
            : Result<IReadOnlyList<IndicatorAnswer>>.Success(answers);
    }
}
