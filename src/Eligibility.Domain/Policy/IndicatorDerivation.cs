using Eligibility.Domain.Common;

namespace Eligibility.Domain.Policy;

/// <summary>The facts about one member that the mechanical indicators use. Null means not recorded.</summary>
public sealed record MemberIndicatorFacts(
    DateOnly DateOfBirth,
    bool? HasHealthInsurance,
    bool? AttendsSchool,
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
    /// <summary>Answers for the derivable indicators that the standard has, with ages counted on <paramref name="onDate"/>.</summary>
    public static IReadOnlyList<DerivedAnswer> Derive(
        IReadOnlyList<Indicator> indicators, DerivationThresholds thresholds, DateOnly onDate,
        IReadOnlyList<MemberIndicatorFacts> members, decimal? floorAreaSquareMetres)
    {
        var answers = new List<DerivedAnswer>();
        foreach (var indicator in indicators)
        {
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

    static DerivedAnswer HousingArea(DerivationThresholds t, int memberCount, decimal? floorArea)
    {
        const string code = IndicatorCodes.HousingArea;
        if (floorArea is null)
            return Missing(code, "Chưa ghi diện tích nhà ở.", "The floor area is not recorded.");
        if (memberCount == 0)
            return Missing(code, "Hộ chưa có thành viên.", "The household has no members.");

        // Compare area with threshold × members rather than dividing, so the boundary is exact.
        bool deprived = floorArea.Value < t.MinFloorAreaPerPerson * memberCount;
        decimal perPerson = Math.Round(floorArea.Value / memberCount, 2);
        return new DerivedAnswer(code, deprived, deprived
            ? new Reason("housing-area-below-minimum",
                $"Diện tích nhà ở bình quân {Text.Vi(perPerson)} m²/người, dưới {Text.Vi(t.MinFloorAreaPerPerson)} m².",
                $"Floor area of {Text.En(perPerson)} m² per person, under {Text.En(t.MinFloorAreaPerPerson)} m².")
            : new Reason("housing-area-sufficient",
                $"Diện tích nhà ở bình quân {Text.Vi(perPerson)} m²/người, từ {Text.Vi(t.MinFloorAreaPerPerson)} m² trở lên.",
                $"Floor area of {Text.En(perPerson)} m² per person, at least {Text.En(t.MinFloorAreaPerPerson)} m²."));
    }

    static DerivedAnswer HealthInsurance(DerivationThresholds t, DateOnly onDate, IReadOnlyList<MemberIndicatorFacts> members)
    {
        const string code = IndicatorCodes.HealthInsurance;
        var concerned = members.Where(m => Ages.On(m.DateOfBirth, onDate) >= t.HealthInsuranceFromAge).ToList();
        int uninsured = concerned.Count(m => m.HasHealthInsurance == false);
        if (uninsured > 0)
            return new DerivedAnswer(code, true, new Reason("member-without-health-insurance",
                $"{uninsured} thành viên từ {t.HealthInsuranceFromAge} tuổi trở lên không có bảo hiểm y tế.",
                $"{uninsured} member(s) aged {t.HealthInsuranceFromAge} or over have no health insurance."));
        int unknown = concerned.Count(m => m.HasHealthInsurance is null);
        if (unknown > 0)
            return Missing(code,
                $"Chưa ghi bảo hiểm y tế của {unknown} thành viên từ {t.HealthInsuranceFromAge} tuổi trở lên.",
                $"Health insurance is not recorded for {unknown} member(s) aged {t.HealthInsuranceFromAge} or over.");
        return new DerivedAnswer(code, false, new Reason("members-insured",
            $"Mọi thành viên từ {t.HealthInsuranceFromAge} tuổi trở lên có bảo hiểm y tế.",
            $"Every member aged {t.HealthInsuranceFromAge} or over has health insurance."));
    }

    static DerivedAnswer Dependants(DerivationThresholds t, DateOnly onDate, IReadOnlyList<MemberIndicatorFacts> members)
    {
        const string code = IndicatorCodes.Dependants;
        if (members.Count == 0)
            return Missing(code, "Hộ chưa có thành viên.", "The household has no members.");

        // Circular 07/2021: dependants are children under 16, and elderly or disabled people on monthly social allowance.
        int dependants = members.Count(m =>
        {
            int age = Ages.On(m.DateOfBirth, onDate);
            return age < t.ChildUnderAge || (m.ReceivesSocialAllowance && (m.HasDisability || age >= t.ElderlyFromAge));
        });
        bool deprived = dependants > t.MaxDependantsShare * members.Count;
        string share = Text.En(t.MaxDependantsShare * 100);
        return new DerivedAnswer(code, deprived, deprived
            ? new Reason("dependants-above-share",
                $"{dependants}/{members.Count} thành viên là người phụ thuộc, trên {Text.Vi(t.MaxDependantsShare * 100)}%.",
                $"{dependants} of {members.Count} members are dependants, more than {share}%.")
            : new Reason("dependants-within-share",
                $"{dependants}/{members.Count} thành viên là người phụ thuộc, không quá {Text.Vi(t.MaxDependantsShare * 100)}%.",
                $"{dependants} of {members.Count} members are dependants, not more than {share}%."));
    }

    static DerivedAnswer ChildSchooling(DerivationThresholds t, DateOnly onDate, IReadOnlyList<MemberIndicatorFacts> members)
    {
        const string code = IndicatorCodes.ChildSchooling;
        var children = members.Where(m => Ages.On(m.DateOfBirth, onDate) is var age && age >= t.SchoolingFromAge && age < t.SchoolingUnderAge).ToList();
        string ages = $"{t.SchoolingFromAge}-{t.SchoolingUnderAge - 1}";
        int notAttending = children.Count(m => m.AttendsSchool == false);
        if (notAttending > 0)
            return new DerivedAnswer(code, true, new Reason("child-not-in-school",
                $"{notAttending} trẻ từ {t.SchoolingFromAge} đến dưới {t.SchoolingUnderAge} tuổi không đi học.",
                $"{notAttending} child(ren) aged {ages} do not attend school."));
        int unknown = children.Count(m => m.AttendsSchool is null);
        if (unknown > 0)
            return Missing(code,
                $"Chưa ghi việc đi học của {unknown} trẻ từ {t.SchoolingFromAge} đến dưới {t.SchoolingUnderAge} tuổi.",
                $"School attendance is not recorded for {unknown} child(ren) aged {ages}.");
        return new DerivedAnswer(code, false, new Reason("children-in-school",
            $"Mọi trẻ từ {t.SchoolingFromAge} đến dưới {t.SchoolingUnderAge} tuổi đều đi học.",
            $"Every child aged {ages} attends school."));
    }

    static DerivedAnswer Missing(string code, string vi, string en) =>
        new(code, null, new Reason("cannot-derive", $"Không suy ra được chỉ số {code}: {vi}", $"Cannot derive {code}: {en}"));

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
