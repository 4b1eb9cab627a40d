using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;

namespace Eligibility.Api.Tests;

/// <summary>
/// Associations, groups and approved loan requests written straight into the tables (the loans API is another
/// branch's): what a group meeting leaves behind for the commune's confirmation list.
/// </summary>
public static class ConfirmationArrange
{
    public static async Task<Guid> Association(ApiFactory api, string commune, string kind)
    {
        var id = Guid.CreateVersion7();
        await api.Scalar<object>("""
            INSERT INTO associations (id, province_code, commune_code, kind, name, created_at)
            SELECT @id, c.province_code, c.code, @kind, 'Hội ' || @kind, now() FROM communes c WHERE c.code = @commune
            """, ("id", id), ("commune", commune), ("kind", kind));
        return id;
    }

    public static async Task<Guid> Group(ApiFactory api, Guid association, string name)
    {
        var id = Guid.CreateVersion7();
        await api.Scalar<object>("""
            INSERT INTO savings_groups (id, province_code, commune_code, association_id, name, leader_name, created_at)
            SELECT @id, a.province_code, a.commune_code, a.id, @name, 'Tổ trưởng', now() FROM associations a WHERE a.id = @association
            """, ("id", id), ("association", association), ("name", name));
        return id;
    }

    /// <summary>An approved request of the household's head, as a group meeting leaves it.</summary>
    public static async Task<Guid> ApprovedRequest(ApiFactory api, JsonNode household, Guid group, string programme, decimal amount,
        string purpose = "Chăn nuôi bò sinh sản", int term = 36)
    {
        var id = Guid.CreateVersion7();
        await api.Scalar<object>("""
            INSERT INTO loan_requests (id, household_id, province_code, commune_code, group_id, association_id, borrower_member_id, borrower_name,
                programme_code, amount, purpose, term_months, filed_on, eligibility, status, created_at, updated_at)
            SELECT @id, h.id, h.province_code, h.commune_code, g.id, g.association_id, m.id, m.full_name,
                @programme, @amount, @purpose, @term, DATE '2026-10-01', '{}', 'approved', now(), now()
            FROM households h JOIN members m ON m.household_id = h.id AND m.relationship = 'head', savings_groups g
            WHERE h.id = @household AND g.id = @group
            """, ("id", id), ("household", (Guid)household["id"]!), ("group", group), ("programme", programme), ("amount", amount),
            ("purpose", purpose), ("term", term));
        return id;
    }
}
