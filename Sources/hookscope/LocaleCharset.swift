import Foundation

/// Whether the locale's character set is UTF-8, decided as curses decides it for the
/// terminal UI (`setlocale`, then `nl_langinfo(nl_item(CODESET))`), so the headless line and
/// `verify` write the marks the UI would: `✓ valid`, or `+ valid` under `LANG=C`.
enum LocaleCharset {
    static func isUTF8() -> Bool {
        setlocale(LC_CTYPE, "")
        return String(cString: nl_langinfo(nl_item(CODESET))).uppercased() == "UTF-8"
    }
}
