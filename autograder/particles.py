"""Korean particles chosen by the word before them: "ValueError를", "XOR을", "step(s)이".

A message template cannot know its field's last sound, so it writes both forms, "{name}을(를)".
`resolve(text)` replaces every such pair with the one form that fits the word before it:
a Hangul syllable decides by its final consonant (받침); a digit by its Korean reading
(0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in a consonant); a Latin letter by how Korean readers say
the word: an acronym letter by letter (L 엘, M 엠, N 엔, R 알 end in a consonant), a word by its
last sound (-l, -m, -n, -ng, a short vowel + p/t/k: 스텝; "Error" reads 에러). A heuristic: for
English words it can miss (a template that knows its word writes the particle itself). Closing brackets, quotes and
backticks are skipped ("`relu`를"). With nothing to look at, the first (consonant) form stays.
"""
import re

# consonant form, vowel form; "으로(로)" → 으로 after a consonant except ㄹ
PAIRS = {"은(는)": ("은", "는"), "이(가)": ("이", "가"), "을(를)": ("을", "를"),
         "과(와)": ("과", "와"), "와(과)": ("과", "와"), "으로(로)": ("으로", "로"),
         "이나(나)": ("이나", "나"), "이라는(라는)": ("이라는", "라는")}
PATTERN = re.compile("|".join(re.escape(k) for k in sorted(PAIRS, key=len, reverse=True)))
SKIP = set("`'\")]}>*_ ")
CONSONANT_DIGITS = set("013678")
ACRONYM_CONSONANTS = set("LMNR")


def _hangul_final(ch):
    """Index of the final consonant of a Hangul syllable (0: none), or None."""
    code = ord(ch) - 0xAC00
    return code % 28 if 0 <= code < 11172 else None


def _latin_word(before):
    match = re.search(r"[A-Za-z]+$", before)
    return match.group(0) if match else ""


def ends_in_consonant(before):
    """True/False for the last sound of `before`, None when it cannot tell."""
    text = before.rstrip()
    while text and text[-1] in SKIP:
        text = text[:-1]
    if not text:
        return None
    last = text[-1]
    final = _hangul_final(last)
    if final is not None:
        return final != 0
    if last.isdigit():
        return last in CONSONANT_DIGITS
    if last.isascii() and last.isalpha():
        word = _latin_word(text)
        if word.isupper() or len(word) == 1:   # read letter by letter: XOR, SGD, x
            return word[-1].upper() in ACRONYM_CONSONANTS
        return _word_ends_in_consonant(word.lower())
    return None


def _word_ends_in_consonant(word):
    """English word → does its Korean reading end in a consonant? step 스텝, name 네임, table
    테이블, output 아웃풋, back 백: yes; relu, sigmoid 시그모이드, list 리스트, float 플로트: no."""
    if word.endswith(("l", "m", "n", "ng", "le", "ck")):
        return True
    if re.search(r"[^aeiou][aeiou][mn]e$", word):        # name, time, line
        return True
    if re.search(r"(^|[^aeiou])[aeiou][ptkb]$", word):    # step, set, map, fit, stub
        return True
    return bool(re.search(r"(ee|oo|ou)[ptk]$", word))     # deep, book, output


def _rl_final(before):
    text = before.rstrip()
    while text and text[-1] in SKIP:
        text = text[:-1]
    if text and _hangul_final(text[-1]) == 8:   # ㄹ받침: "로" (파일로)
        return True
    return bool(text) and text[-1] in "178lL"  # 일, 칠, 팔, -l


def resolve(text):
    """`text` with every "X(Y)" particle pair replaced by the form that fits the word before."""
    out, last = [], 0
    for match in PATTERN.finditer(text):
        before = text[:match.start()]
        consonant_form, vowel_form = PAIRS[match.group(0)]
        consonant = ends_in_consonant(before)
        if consonant is None:
            chosen = consonant_form
        elif consonant_form == "으로":
            chosen = "로" if (not consonant or _rl_final(before)) else "으로"
        else:
            chosen = consonant_form if consonant else vowel_form
        out.append(text[last:match.start()])
        out.append(chosen)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def josa(word, pair):
    """`word` followed by the particle of `pair` that fits it: josa("XOR", "을(를)") → "XOR을"."""
    return resolve(f"{word}{pair}")
