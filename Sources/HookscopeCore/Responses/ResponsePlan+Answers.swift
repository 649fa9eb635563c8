extension ResponsePlan {
    /// Answers given as one list (`--respond`, the config file's `respond`, the picker):
    /// one answer becomes the default and ends any sequence; several become the sequence,
    /// whose last answer repeats.
    public mutating func answer(with answers: [AnswerSpec]) {
        if answers.count == 1 {
            defaultAnswer = answers[0]
            sequence = []
        } else {
            sequence = answers
        }
    }
}
