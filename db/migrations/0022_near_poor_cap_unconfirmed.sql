-- The near-poor cap of 100,000,000 per household was seeded as "(verify)" and no source read in December 2026 confirms
-- it (domain notes §6, §9: the rates are confirmed, the cap is not). An unconfirmed figure is data marked so, and the
-- answers that use these terms say so (reason terms-unconfirmed), until an admin records terms a source confirms.
UPDATE programme_terms SET
    confirmed = false,
    source = 'Decision 15/2013/QĐ-TTg; VBSP: 120% of the poor-household rate. Cap of 100,000,000 per household not confirmed by the sources read in December 2026'
WHERE programme_code = 'near-poor-household' AND effective_from = '2022-01-01';
UPDATE programme_terms SET
    confirmed = false,
    source = 'VBSP implementing notice of Decision 2553/QĐ-TTg: near-poor 7.92% to 7.488% (120%). Cap of 100,000,000 per household not confirmed by the sources read in December 2026'
WHERE programme_code = 'near-poor-household' AND effective_from = '2025-12-01';
