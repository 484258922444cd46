// Partner and customer routes on the real service: edit rules per status, who sees which claim,
// and PoE uploads checked by content and size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, MONDAY_0900_TAIPEI, signIn, startTestService, type TestService } from '../support/service';
import { claimInput, draftClaim, mutation, pdfBytes, submittedClaim } from './fixtures';

const LIMIT = 64 * 1024;
let svc: TestService;
const as = (u: string) => signIn(svc.url, u);
beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI), maxUploadBytes: LIMIT });
});
afterAll(async () => {
  await svc.stop();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

describe('partner edits', () => {
  const edit = { mpnId: '7654321', customerContact: { name: 'New Contact', email: 'new@wingtiptoys.example', phone: null } };

  it('are allowed while the claim is a draft, submitted, or awaiting the partner', async () => {
    const partner = await as('partner1');
    const draft = await draftClaim(partner);
    const edited = await partner.call('claimEdit', { params: { id: draft.id }, body: edit });
    expect(edited.partner.mpnId).toBe('7654321');
    expect(edited.history.at(-1)).toMatchObject({ kind: 'edited', fields: ['mpnId', 'customerContact'] });
    const submitted = await partner.call('claimSubmit', { params: { id: draft.id }, body: {} });
    const products = [
      { name: 'Microsoft Teams', family: 'microsoft-365', workload: 'Teams' } as const,
      { name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales' } as const,
    ];
    const again = await partner.call('claimEdit', { params: { id: submitted.id }, body: { products } });
    expect(again.products.filter((p) => !p.removed).map((p) => p.name)).toEqual(['Microsoft Teams', 'Dynamics 365 Sales']);
    expect(again.products.filter((p) => p.removed).map((p) => p.name)).toEqual(['Power BI Pro']); // a removed product stays visible
    expect(again.products[1]!.id).toBe(draft.products[0]!.id); // a product kept keeps its id
    const rev = await as('rev1');
    const { claims } = await rev.call('leaseCreate', { body: { size: 1 } });
    const inReview = await partner.raw('claimEdit', { params: { id: draft.id }, body: edit });
    expect(inReview.status).toBe(409);
    expect((await inReview.json()).detail).toBe('cannot edit a claim that is in-review');
    await rev.call('mutations', {
      body: {
        mutations: [
          mutation(claims[0]!, 'request-info', { reasons: [{ code: 'missing-partner-solution', productId: null }], message: 'Describe the workshop.' }),
        ],
      },
    });
    expect((await partner.raw('claimEdit', { params: { id: draft.id }, body: edit })).status).toBe(200);
    await partner.call('claimResubmit', { params: { id: draft.id }, body: { message: null } });
    const fresh = await rev.call('claimGet', { params: { id: draft.id } });
    await rev.call('mutations', { body: { mutations: [mutation(fresh, 'approve', { message: null })] } });
    const approved = await partner.raw('claimEdit', { params: { id: draft.id }, body: edit });
    expect(approved.status).toBe(409);
    expect((await partner.raw('documentUpload', { params: { id: draft.id }, query: { fileName: 'late.pdf' }, body: pdfBytes() })).status).toBe(409);
  });

  it('need a field to change and valid values, named in the problem', async () => {
    const partner = await as('partner1');
    const draft = await draftClaim(partner);
    const empty = await partner.raw('claimEdit', { params: { id: draft.id }, body: {} });
    expect(empty.status).toBe(400);
    const badMpn = await partner.raw('claimEdit', { params: { id: draft.id }, body: { mpnId: '12' } });
    expect(await badMpn.json()).toMatchObject({ status: 400, field: 'body.mpnId' });
  });

  it('are refused to another partner, for whom the claim does not exist', async () => {
    const draft = await draftClaim(await as('partner1'));
    const other = await as('partner2');
    expect((await other.raw('claimEdit', { params: { id: draft.id }, body: { mpnId: '1234567' } })).status).toBe(404);
    expect((await other.raw('claimGet', { params: { id: draft.id } })).status).toBe(404);
    expect((await other.call('claimList', { query: {} })).claims.map((c) => c.id)).not.toContain(draft.id);
  });

  it('cannot submit a draft without a PoE document', async () => {
    const partner = await as('partner1');
    const bare = await partner.call('claimCreate', { body: claimInput() });
    const res = await partner.raw('claimSubmit', { params: { id: bare.id }, body: {} });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/at least one PoE document/);
  });
});

describe('visibility', () => {
  it('lists partners their company’s claims; reviewers, QA and admins may read any claim', async () => {
    const mine = await submittedClaim(await as('partner3'));
    const list = await (await as('partner3')).call('claimList', { query: { status: 'submitted' } });
    expect(list.claims.map((c) => c.id)).toContain(mine.id);
    expect(list.claims.every((c) => c.partner.name === mine.partner.name)).toBe(true);
    for (const who of ['rev3', 'qa1', 'admin1']) expect((await (await as(who)).raw('claimGet', { params: { id: mine.id } })).status).toBe(200);
    // Partners do not see other partners' competing claims; reviewers do.
    expect(mine.competing).toEqual([]);
  });

  it('shows the reviewer the competing claims of other partners on the same tenant and workload', async () => {
    const tenantId = crypto.randomUUID();
    const customer = { name: 'Contested Co', tenantId, domain: 'contested.example' };
    const first = await submittedClaim(await as('partner4'), { customer });
    const rival = await submittedClaim(await as('partner5'), {
      customer,
      products: [{ name: 'Power BI Pro', family: 'power-platform', workload: 'Power BI' }],
    });
    await submittedClaim(await as('partner2'), { customer, products: [{ name: 'Microsoft Teams', family: 'microsoft-365', workload: 'Teams' }] });
    const qa = await as('qa1');
    const seen = await qa.call('claimGet', { params: { id: first.id } });
    expect(seen.competing).toEqual([
      expect.objectContaining({
        id: rival.id,
        partner: rival.partner,
        status: 'submitted',
        products: ['Power BI Pro'],
        latestPoeAt: rival.documents[0]!.uploadedAt,
      }),
    ]);
  });
});

describe('PoE uploads', () => {
  it('accept PDF, PNG and JPEG recognised by their bytes, not their names', async () => {
    const partner = await as('partner1');
    const draft = await partner.call('claimCreate', { body: claimInput() });
    await partner.call('documentUpload', { params: { id: draft.id }, query: { fileName: 'scan.pdf' }, body: PNG });
    const after = await partner.call('documentUpload', {
      params: { id: draft.id },
      query: { fileName: 'photo' },
      body: JPEG,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(after.documents.map((d) => [d.fileName, d.mediaType, d.size])).toEqual([
      ['scan.pdf', 'image/png', PNG.length],
      ['photo', 'image/jpeg', JPEG.length],
    ]);
    const bytes = await partner.call('documentGet', { params: { sha256: after.documents[0]!.sha256 } });
    expect([...bytes]).toEqual([...PNG]);
    const res = await partner.raw('documentGet', { params: { sha256: after.documents[0]!.sha256 } });
    expect(res.headers.get('etag')).toBe(`"${after.documents[0]!.sha256}"`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(
      (await partner.raw('documentGet', { params: { sha256: after.documents[0]!.sha256 }, headers: { 'if-none-match': `"${after.documents[0]!.sha256}"` } }))
        .status,
    ).toBe(304);
    expect((await (await as('partner2')).raw('documentGet', { params: { sha256: after.documents[0]!.sha256 } })).status).toBe(404);
  });

  it('refuse other content with 415, an empty body with 400 and an oversized one with 413, never 5xx', async () => {
    const partner = await as('partner1');
    const draft = await partner.call('claimCreate', { body: claimInput() });
    const upload = (body: Uint8Array, headers?: Record<string, string>) =>
      partner.raw('documentUpload', { params: { id: draft.id }, query: { fileName: 'poe.pdf' }, body, headers });
    const text = await upload(new TextEncoder().encode('just text pretending to be a PDF'));
    expect(text.status).toBe(415);
    expect(text.headers.get('content-type')).toContain('application/problem+json');
    expect(await text.json()).toMatchObject({ field: 'body', type: 'urn:poe:problem:unsupported-media' });
    expect((await upload(new Uint8Array())).status).toBe(400);
    const big = new Uint8Array(LIMIT + 1);
    big.set(new TextEncoder().encode('%PDF-1.7'));
    const tooBig = await upload(big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ status: 413, field: 'body' });
    const asJson = await partner.raw('documentUpload', { params: { id: draft.id }, query: { fileName: 'poe.pdf' }, body: { not: 'bytes' } as never });
    expect(asJson.status).toBe(415);
    const noName = await partner.raw('documentUpload', { params: { id: draft.id }, query: { fileName: '../../etc/passwd' }, body: pdfBytes() });
    expect(await noName.json()).toMatchObject({ status: 400, field: 'query.fileName' });
    const same = pdfBytes('same');
    await upload(same);
    expect((await upload(same)).status).toBe(409);
  });
});
