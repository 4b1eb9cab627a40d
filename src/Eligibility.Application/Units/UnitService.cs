using Eligibility.Application.Common;
using Eligibility.Domain.Common;
using Eligibility.Domain.Households;
using Eligibility.Domain.Units;

namespace Eligibility.Application.Units;

public sealed class UnitService(IUnitStore store, IUnitListReader reader, ICurrentUser user)
{
    public Task<IReadOnlyList<ProvinceResponse>> Provinces(CancellationToken ct) => store.Provinces(ct);

    public async Task<Result<IReadOnlyList<CommuneResponse>>> Communes(string provinceCode, CancellationToken ct) =>
        await store.ProvinceExists(provinceCode, ct)
            ? Result<IReadOnlyList<CommuneResponse>>.Success(await store.Communes(provinceCode, ct))
            : Error.NotFound("Province");

    public async Task<Result<CommuneResponse>> Commune(string code, CancellationToken ct) =>
        await store.Commune(code, ct) is { } commune ? commune : Error.NotFound("Commune");

    public async Task<Result<IReadOnlyList<VillageResponse>>> Villages(string communeCode, CancellationToken ct) =>
        await store.Commune(communeCode, ct) is null
            ? Error.NotFound("Commune")
            : Result<IReadOnlyList<VillageResponse>>.Success(await store.Villages(communeCode, ct));

    public async Task<Result<VillageResponse>> CreateVillage(string communeCode, VillageRequest request, CancellationToken ct)
    {
        var commune = await store.Commune(communeCode, ct);
        if (commune is null || !user.MayAccessHouseholdsOf(communeCode))
            return Error.NotFound("Commune");

        var village = new Village
        {
            Id = Guid.CreateVersion7(),
            ProvinceCode = commune.ProvinceCode,
            CommuneCode = communeCode,
            Name = PersonName.Normalize(request.Name),
        };
        store.Add(village);
        return await store.Save(village, village.Version, ct) is { } error ? error : village.ToResponse();
    }

    public async Task<Result<VillageResponse>> RenameVillage(Guid id, VillageRequest request, uint expectedVersion, CancellationToken ct)
    {
        var village = await store.FindVillage(id, ct);
        if (village is null || !user.MayAccessHouseholdsOf(village.CommuneCode))
            return Error.NotFound("Village");
        if (Concurrency.Check(village.Version, expectedVersion, "village") is { } stale)
            return stale;

        village.Name = PersonName.Normalize(request.Name);
        return await store.Save(village, expectedVersion, ct) is { } error ? error : village.ToResponse();
    }

    /// <summary>Imports the official unit list: every row is checked first, and one bad row means nothing is applied.</summary>
    public async Task<Result<UnitImportResult>> Import(Stream csv, CancellationToken ct)
    {
        var (rows, problems) = await reader.Read(csv, ct);
        if (problems.Count == 0 && rows.Count == 0)
            problems = [new UnitListProblem(1, null, "The file has no unit rows.")];
        if (problems.Count > 0)
            return Result<UnitImportResult>.Failure(problems
                .Select(p => new Error(ErrorKind.Validation, "invalid-row", $"Line {p.Line}: {p.Message}", p.Column is null ? $"line {p.Line}" : $"line {p.Line}.{p.Column}"))
                .ToList());
        return await store.Import(rows, ct);
    }
}
