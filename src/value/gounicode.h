/* gounicode.h - Go's unicode package: character classes and simple case mapping
 * (Unicode 15.0.0, as Go 1.25), for the string functions that must match Go rune by rune. */
#ifndef SG_GOUNICODE_H
#define SG_GOUNICODE_H
#include <stdbool.h>
#include <stdint.h>

bool gouni_isupper(int32_t r);   /* unicode.IsUpper */
bool gouni_islower(int32_t r);   /* unicode.IsLower */
bool gouni_istitle(int32_t r);   /* unicode.IsTitle */
bool gouni_isletter(int32_t r);  /* unicode.IsLetter */
bool gouni_isnumber(int32_t r);  /* unicode.IsNumber */
bool gouni_isdigit(int32_t r);   /* unicode.IsDigit */
bool gouni_ispunct(int32_t r);   /* unicode.IsPunct */
bool gouni_isspace(int32_t r);   /* unicode.IsSpace */
int32_t gouni_toupper(int32_t r); /* unicode.ToUpper */
int32_t gouni_tolower(int32_t r); /* unicode.ToLower */
int32_t gouni_totitle(int32_t r); /* unicode.ToTitle */

#endif
