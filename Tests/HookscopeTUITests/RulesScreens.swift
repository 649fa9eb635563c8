/// Expected screens for the rules screen tests (kept apart: they are long).
enum RulesScreens {
    static let wide = """
         hookscope  http://127.0.0.1:8080  answer 200                6 captured · 6 shown · 0 evicted · -/s
        Rules: checked in order, first match wins; then answer 200
         1  [on]  * provider=teamwork -> 500
         2  [off] POST /hooks/** -> 503,503,200
        """
    static let narrow = """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
        Rules: checked in order, first match wins; then answer 200
         1  [on]  * provider=teamwork -> 500
         2  [off] POST /hooks/** -> 503,503,200
        """
    static let hints100 = "Esc back  a add  Space toggle  d delete                                               q quit  ? help"
    static let hints60 = "Esc back  a add  Space toggle  d delete       q quit  ? help"
}
