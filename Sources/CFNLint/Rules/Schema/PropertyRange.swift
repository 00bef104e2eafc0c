/// E3034: a number outside the range its schema allows.
struct PropertyRange: SchemaRule {
    static let info = RuleInfo(
        id: "E3034",
        title: "Number out of range",
        description: """
            The property's schema bounds its number (`minimum`, `maximum`, and their exclusive \
            forms): an SQS queue delays messages by 0 to 900 seconds and keeps them 60 seconds to \
            14 days. Numbers written as text (`"901"`) are checked too.
            """,
        passing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: 30
                  MessageRetentionPeriod: "1209600"
            """
        ],
        failing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: 901 # <-
                  MessageRetentionPeriod: "30" # <-
            """
        ]
    )
}
