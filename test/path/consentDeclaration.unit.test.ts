// A path's consent declaration: the events it names are the path's own, distinct, and the scope a
// plain payload field; the coordinator service declares its consent per network partner (S3:338).
import { describe, expect, it } from 'vitest';
import { definePath, PathDefinitionError } from 'kykypolku';
import { coordinatorServicePath, coordinatorServicePathV1 } from 'kykypolku/paths';

describe('a path’s consent declaration', () => {
  it('is declared by the coordinator service, in every version', () => {
    for (const path of [coordinatorServicePath, coordinatorServicePathV1])
      expect(path.consent).toEqual({ given: 'CONSENT_GIVEN', withdrawn: 'CONSENT_WITHDRAWN', scope: 'scope' });
  });

  it('is typed by the path’s events: a misspelt event does not compile', () => {
    const misspelt = () =>
      // @ts-expect-error CONSENT_GRANTED is not an event of the coordinator service.
      definePath({ ...coordinatorServicePath, consent: { given: 'CONSENT_GRANTED', withdrawn: 'CONSENT_WITHDRAWN', scope: 'scope' } });
    expect(misspelt).toThrow(PathDefinitionError);
  });

  it.each([
    [{ given: 'CONSENT_GRANTED', withdrawn: 'CONSENT_WITHDRAWN', scope: 'scope' }, /consent\.given must name one of the path's events/],
    [{ given: 'CONSENT_GIVEN', withdrawn: 'toString', scope: 'scope' }, /consent\.withdrawn must name one of the path's events/],
    [{ given: 'CONSENT_GIVEN', withdrawn: 'CONSENT_GIVEN', scope: 'scope' }, /consent\.withdrawn must be another event/],
    [{ given: 'CONSENT_GIVEN', withdrawn: 'CONSENT_WITHDRAWN', scope: 'payload.scope' }, /consent\.scope must be a payload field name/],
    [null, /consent must be \{ given, withdrawn, scope \}/],
  ])('refuses %j with a PathDefinitionError naming the field', (consent, message) => {
    const define = () => definePath({ ...coordinatorServicePath, consent: consent as never });
    expect(define).toThrow(PathDefinitionError);
    expect(define).toThrow(message);
  });
});
