using Eligibility.Domain.Policy;

namespace Eligibility.Application.Policy;

/// <summary>The policy in force as data: every standard with its figure versions and indicators, every programme with its terms.</summary>
public sealed record PolicySet(IReadOnlyList<PovertyStandard> Standards, IReadOnlyList<LoanProgramme> Programmes)
{
    public PovertyStandard? Standard(string code) => Standards.FirstOrDefault(s => s.Code == code);
    public LoanProgramme? Programme(string code) => Programmes.FirstOrDefault(p => p.Code == code);
}

/// <summary>Reads the standards and programmes; they are small and change rarely.</summary>
public interface IPolicyCatalog
{
    Task<PolicySet> Load(CancellationToken ct);
}
