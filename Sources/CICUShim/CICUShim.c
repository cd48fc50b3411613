#include "CICUShim.h"
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uversion.h>

struct hark_breaker {
  UBreakIterator *iterator;
  UText *text;
};

hark_breaker *hark_breaker_open(int32_t kind, const char *locale, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIteratorType type = kind == HARK_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD;
  UBreakIterator *iterator = ubrk_open(type, locale, NULL, 0, &status);
  *error = status;
  if (U_FAILURE(status) || iterator == NULL) return NULL;
  hark_breaker *breaker = calloc(1, sizeof(hark_breaker));
  if (breaker == NULL) { ubrk_close(iterator); *error = U_MEMORY_ALLOCATION_ERROR; return NULL; }
  breaker->iterator = iterator;
  return breaker;
}

hark_breaker *hark_breaker_clone(const hark_breaker *source, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *iterator = ubrk_clone(source->iterator, &status);
  *error = status;
  if (U_FAILURE(status) || iterator == NULL) return NULL;
  hark_breaker *breaker = calloc(1, sizeof(hark_breaker));
  if (breaker == NULL) { ubrk_close(iterator); *error = U_MEMORY_ALLOCATION_ERROR; return NULL; }
  breaker->iterator = iterator;
  return breaker;
}

void hark_breaker_close(hark_breaker *breaker) {
  if (breaker == NULL) return;
  ubrk_close(breaker->iterator);
  if (breaker->text != NULL) utext_close(breaker->text);
  free(breaker);
}

void hark_breaker_set_utf8(hark_breaker *breaker, const uint8_t *text, int64_t length, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  static const char empty[1] = {0};
  const char *chars = length > 0 ? (const char *)text : empty;
  // Reuses the UText the breaker already owns (no allocation after the first call).
  breaker->text = utext_openUTF8(breaker->text, chars, length, &status);
  if (U_SUCCESS(status)) ubrk_setUText(breaker->iterator, breaker->text, &status);
  *error = status;
}

int32_t hark_breaker_fill(hark_breaker *breaker, int32_t *boundaries, int32_t *statuses, int32_t capacity) {
  int32_t count = 0;
  while (count < capacity) {
    int32_t next = ubrk_next(breaker->iterator);
    if (next == UBRK_DONE) break;
    boundaries[count] = next;
    if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(breaker->iterator);
    count++;
  }
  return count;
}

const void *hark_normalizer_get(int32_t form, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *normalizer = NULL;
  switch (form) {
    case HARK_NORM_NFKC_CASEFOLD: normalizer = unorm2_getNFKCCasefoldInstance(&status); break;
    case HARK_NORM_NFC: normalizer = unorm2_getNFCInstance(&status); break;
    case HARK_NORM_NFD: normalizer = unorm2_getNFDInstance(&status); break;
    case HARK_NORM_NFKC: normalizer = unorm2_getNFKCInstance(&status); break;
    default: status = U_ILLEGAL_ARGUMENT_ERROR; break;
  }
  *error = status;
  return U_FAILURE(status) ? NULL : normalizer;
}

// UTF-16 scratch space: on the stack for short inputs, on the heap for long ones.
enum { STACK_UNITS = 512 };

typedef struct {
  UChar *units;
  int32_t capacity;
  UChar stack[STACK_UNITS];
} scratch;

static UChar *scratch_reserve(scratch *s, int32_t needed) {
  if (needed <= STACK_UNITS) { s->units = s->stack; s->capacity = STACK_UNITS; return s->units; }
  s->units = malloc(sizeof(UChar) * (size_t)needed);
  s->capacity = s->units ? needed : 0;
  return s->units;
}

static void scratch_release(scratch *s) {
  if (s->units != NULL && s->units != s->stack) free(s->units);
  s->units = NULL;
}

// UTF-8 -> UTF-16 into `s`. Returns the UTF-16 length, or -1 with *error set.
static int32_t to_utf16(const uint8_t *src, int32_t length, scratch *s, UErrorCode *error) {
  // A UTF-8 string never needs more UTF-16 units than it has bytes.
  if (scratch_reserve(s, length > 0 ? length : 1) == NULL) { *error = U_MEMORY_ALLOCATION_ERROR; return -1; }
  int32_t units = 0;
  u_strFromUTF8WithSub(s->units, s->capacity, &units, (const char *)src, length, 0xFFFD, NULL, error);
  return U_FAILURE(*error) ? -1 : units;
}

static int32_t to_utf8(const UChar *units, int32_t count, uint8_t *dest, int32_t capacity, UErrorCode *error) {
  int32_t written = 0;
  u_strToUTF8WithSub((char *)dest, capacity, &written, units, count, 0xFFFD, NULL, error);
  if (*error == U_BUFFER_OVERFLOW_ERROR || *error == U_STRING_NOT_TERMINATED_WARNING) *error = U_ZERO_ERROR;
  return written;
}

// Applies `normalizer` to UTF-16 `in`, writing into `out` (grown as needed).
static int32_t normalize16(const UNormalizer2 *normalizer, const UChar *in, int32_t count, scratch *out, UErrorCode *error) {
  // NFKC can expand text; start at 2x + 16 and retry once with the exact size.
  int32_t guess = count * 2 + 16;
  if (scratch_reserve(out, guess) == NULL) { *error = U_MEMORY_ALLOCATION_ERROR; return -1; }
  int32_t produced = unorm2_normalize(normalizer, in, count, out->units, out->capacity, error);
  if (*error == U_BUFFER_OVERFLOW_ERROR) {
    scratch_release(out);
    *error = U_ZERO_ERROR;
    if (scratch_reserve(out, produced) == NULL) { *error = U_MEMORY_ALLOCATION_ERROR; return -1; }
    produced = unorm2_normalize(normalizer, in, count, out->units, out->capacity, error);
  }
  return U_FAILURE(*error) ? -1 : produced;
}

int32_t hark_normalize_utf8(const void *normalizer, const uint8_t *src, int32_t length,
                            uint8_t *dest, int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  scratch in = {0}, out = {0};
  int32_t result = 0;
  int32_t units = to_utf16(src, length, &in, &status);
  if (units >= 0) {
    int32_t produced = normalize16((const UNormalizer2 *)normalizer, in.units, units, &out, &status);
    if (produced >= 0) result = to_utf8(out.units, produced, dest, capacity, &status);
  }
  scratch_release(&in);
  scratch_release(&out);
  *error = status;
  return result;
}

int32_t hark_fold_accents_utf8(const uint8_t *src, int32_t length, uint8_t *dest, int32_t capacity,
                               int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  scratch in = {0}, decomposed = {0}, composed = {0};
  int32_t result = 0;
  int32_t units = U_SUCCESS(status) ? to_utf16(src, length, &in, &status) : -1;
  if (units >= 0) {
    int32_t count = normalize16(nfd, in.units, units, &decomposed, &status);
    if (count >= 0) {
      // Drop non-spacing marks in place. Surrogate pairs are read as one code point.
      int32_t kept = 0;
      for (int32_t i = 0; i < count;) {
        UChar32 c;
        int32_t start = i;
        U16_NEXT(decomposed.units, i, count, c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        for (int32_t j = start; j < i; j++) decomposed.units[kept++] = decomposed.units[j];
      }
      int32_t produced = normalize16(nfc, decomposed.units, kept, &composed, &status);
      if (produced >= 0) result = to_utf8(composed.units, produced, dest, capacity, &status);
    }
  }
  scratch_release(&in);
  scratch_release(&decomposed);
  scratch_release(&composed);
  *error = status;
  return result;
}

const char *hark_icu_version(void) {
  static char text[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, text);
  return text;
}
