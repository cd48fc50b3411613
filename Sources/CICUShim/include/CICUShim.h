#ifndef CICUSHIM_H
#define CICUSHIM_H
// C wrappers over system ICU for Hark. This header deliberately includes no ICU header and uses no
// ICU type: Swift modules import it alongside Foundation, which carries its own ICU (ICU.md).
// Error codes are ICU's UErrorCode values as int32_t: > 0 is a failure, <= 0 success or warning.
// Offsets and lengths are int32_t, as in ICU.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A break iterator over UTF-8 text (word or sentence). Stateful: one per thread or task.
typedef struct hark_breaker hark_breaker;

enum { HARK_BREAK_WORD = 0, HARK_BREAK_SENTENCE = 1 };

/// Opens a break iterator of `kind` for `locale` (e.g. "en"). Returns NULL on failure.
hark_breaker *hark_breaker_open(int32_t kind, const char *locale, int32_t *error);
/// Opens an independent copy of `source` (cheaper than opening anew).
hark_breaker *hark_breaker_clone(const hark_breaker *source, int32_t *error);
void hark_breaker_close(hark_breaker *breaker);
/// Points the iterator at `length` bytes of UTF-8. The bytes are not copied: they must stay alive
/// and unchanged until the next call to set_utf8 or close. Invalid UTF-8 is read as U+FFFD.
void hark_breaker_set_utf8(hark_breaker *breaker, const uint8_t *text, int64_t length, int32_t *error);
/// Writes up to `capacity` next boundaries (UTF-8 byte offsets, increasing, the last one is the
/// text's length) and, when `statuses` is not NULL, each boundary's rule status (word break:
/// 0 none, 100-199 number, 200-299 letter, 300-399 kana, 400-499 ideograph).
/// Returns how many were written; 0 once the text is exhausted.
int32_t hark_breaker_fill(hark_breaker *breaker, int32_t *boundaries, int32_t *statuses, int32_t capacity);

/// Normalisation forms served by ICU's immutable, thread-safe singletons.
enum { HARK_NORM_NFKC_CASEFOLD = 0, HARK_NORM_NFC = 1, HARK_NORM_NFD = 2, HARK_NORM_NFKC = 3 };
/// Returns ICU's normaliser singleton for `form` (never close it), or NULL on failure.
const void *hark_normalizer_get(int32_t form, int32_t *error);
/// Normalises `length` bytes of UTF-8 into `dest`. Returns the UTF-8 length of the result; when it
/// exceeds `capacity`, nothing useful is in `dest`: call again with a buffer of that size.
int32_t hark_normalize_utf8(const void *normalizer, const uint8_t *src, int32_t length,
                            uint8_t *dest, int32_t capacity, int32_t *error);
/// Removes accents: NFD, drop non-spacing marks (general category Mn), NFC. Same contract as
/// hark_normalize_utf8.
int32_t hark_fold_accents_utf8(const uint8_t *src, int32_t length, uint8_t *dest, int32_t capacity,
                               int32_t *error);
/// The ICU library version, e.g. "72.1".
const char *hark_icu_version(void);

#ifdef __cplusplus
}
#endif
#endif
