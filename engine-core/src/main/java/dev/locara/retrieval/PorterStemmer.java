package dev.locara.retrieval;

/**
 * Porter's stemming algorithm (1980) in the form of its author's reference implementation, the one
 * Lucene's PorterStemFilter also follows ("logi" to "log", "bli" to "ble", words of one or two letters
 * left alone). Chosen over plural or "-ing"/"-ed" stripping because it conflates inflections
 * consistently ("use", "used", "uses" and "using" all become "use") where a suffix stripper turns
 * "used" into "us"; and because Lucene carries an independent implementation to test it against.
 * It reads lowercase a-z words only; {@link Terms} leaves other words unstemmed.
 */
final class PorterStemmer {
    private static final String[] STEP2 = {
        "ational", "ate", "tional", "tion", "enci", "ence", "anci", "ance", "izer", "ize", "bli", "ble",
        "alli", "al", "entli", "ent", "eli", "e", "ousli", "ous", "ization", "ize", "ation", "ate", "ator", "ate",
        "alism", "al", "iveness", "ive", "fulness", "ful", "ousness", "ous", "aliti", "al", "iviti", "ive",
        "biliti", "ble", "logi", "log",
    };
    private static final String[] STEP3 = {
        "icate", "ic", "ative", "", "alize", "al", "iciti", "ic", "ical", "ic", "ful", "", "ness", "",
    };

    private final char[] b = new char[64];
    private int k; // index of the word's last letter
    private int j; // end of the stem when a suffix matched

    /** The stem of {@code word}, a lowercase a-z word. */
    String stem(String word) {
        if (word.length() <= 2 || word.length() > b.length) {
            return word;
        }
        word.getChars(0, word.length(), b, 0);
        k = word.length() - 1;
        step1ab();
        if (k > 0) {
            step1c();
            step2();
            step3();
            step4();
            step5();
        }
        return new String(b, 0, k + 1);
    }

    // 1. Letter classes and the measure m, the number of vowel-consonant sequences in b[0..j].

    private boolean cons(int i) {
        switch (b[i]) {
            case 'a': case 'e': case 'i': case 'o': case 'u':
                return false;
            case 'y':
                return i == 0 || !cons(i - 1);
            default:
                return true;
        }
    }

    private int m() {
        int n = 0;
        int i = 0;
        while (i <= j && cons(i)) {
            i++;
        }
        while (i <= j) {
            while (i <= j && !cons(i)) {
                i++;
            }
            if (i > j) {
                return n;
            }
            n++;
            while (i <= j && cons(i)) {
                i++;
            }
        }
        return n;
    }

    private boolean vowelInStem() {
        for (int i = 0; i <= j; i++) {
            if (!cons(i)) {
                return true;
            }
        }
        return false;
    }

    private boolean doubleConsonant(int i) {
        return i >= 1 && b[i] == b[i - 1] && cons(i);
    }

    /** Consonant-vowel-consonant ending at i, the last consonant not w, x or y ("hop", not "snow"). */
    private boolean cvc(int i) {
        if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) {
            return false;
        }
        return b[i] != 'w' && b[i] != 'x' && b[i] != 'y';
    }

    private boolean ends(String s) {
        int n = s.length();
        if (n > k + 1) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[k - n + 1 + i] != s.charAt(i)) {
                return false;
            }
        }
        j = k - n;
        return true;
    }

    private void setTo(String s) {
        for (int i = 0; i < s.length(); i++) {
            b[j + 1 + i] = s.charAt(i);
        }
        k = j + s.length();
    }

    private void replaceIfMeasured(String s) {
        if (m() > 0) {
            setTo(s);
        }
    }

    // 2. The five steps of the paper (step 1 in two parts).

    /** Plurals and -ed or -ing: caresses to caress, ponies to poni, agreed to agree, hopping to hop. */
    private void step1ab() {
        if (b[k] == 's') {
            if (ends("sses")) {
                k -= 2;
            } else if (ends("ies")) {
                setTo("i");
            } else if (b[k - 1] != 's') {
                k--;
            }
        }
        if (ends("eed")) {
            if (m() > 0) {
                k--;
            }
        } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
            k = j;
            if (ends("at")) {
                setTo("ate");
            } else if (ends("bl")) {
                setTo("ble");
            } else if (ends("iz")) {
                setTo("ize");
            } else if (doubleConsonant(k)) {
                char c = b[k];
                if (c != 'l' && c != 's' && c != 'z') {
                    k--;
                }
            } else {
                j = k;
                if (m() == 1 && cvc(k)) {
                    setTo("e");
                }
            }
        }
    }

    /** Terminal y to i when the stem has a vowel: happy to happi. */
    private void step1c() {
        if (ends("y") && vowelInStem()) {
            b[k] = 'i';
        }
    }

    /** Double suffixes to single ones: relational to relate, digitizer to digitize. */
    private void step2() {
        replaceFirst(STEP2);
    }

    /** -ic-, -full, -ness and the like: triplicate to triplic, hopeful to hope. */
    private void step3() {
        replaceFirst(STEP3);
    }

    /**
     * The first suffix of the table that the word ends with is replaced when the stem before it has a
     * measure above 0. The reference dispatches on the suffix's next-to-last letter first; a flat list in the
     * same order picks the same suffix, as suffixes of different groups can never both match.
     */
    private void replaceFirst(String[] table) {
        for (int i = 0; i < table.length; i += 2) {
            if (ends(table[i])) {
                replaceIfMeasured(table[i + 1]);
                return;
            }
        }
    }

    /** Suffixes dropped from stems of measure above 1: revival to reviv, adjustment to adjust. */
    private void step4() {
        boolean matched;
        switch (b[k - 1]) {
            case 'a': matched = ends("al"); break;
            case 'c': matched = ends("ance") || ends("ence"); break;
            case 'e': matched = ends("er"); break;
            case 'i': matched = ends("ic"); break;
            case 'l': matched = ends("able") || ends("ible"); break;
            case 'n': matched = ends("ant") || ends("ement") || ends("ment") || ends("ent"); break;
            case 'o': matched = (ends("ion") && j >= 0 && (b[j] == 's' || b[j] == 't')) || ends("ou"); break;
            case 's': matched = ends("ism"); break;
            case 't': matched = ends("ate") || ends("iti"); break;
            case 'u': matched = ends("ous"); break;
            case 'v': matched = ends("ive"); break;
            case 'z': matched = ends("ize"); break;
            default: matched = false; break;
        }
        if (matched && m() > 1) {
            k = j;
        }
    }

    /** A final -e and a double l: probate to probat, controll to control. */
    private void step5() {
        j = k;
        if (b[k] == 'e') {
            int a = m();
            if (a > 1 || (a == 1 && !cvc(k - 1))) {
                k--;
            }
        }
        if (b[k] == 'l' && doubleConsonant(k) && m() > 1) {
            k--;
        }
    }
}
