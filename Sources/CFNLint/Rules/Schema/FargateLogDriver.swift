/// E3713: a Fargate service whose task definition logs with a driver Fargate does not have.
struct FargateLogDriver: ConstraintRule {
    static let info = RuleInfo(
        id: "E3713",
        title: "Fargate service with an unsupported log driver",
        description: """
            Fargate runs only the `awslogs`, `splunk` and `awsfirelens` log drivers. An \
            `AWS::ECS::Service` with `LaunchType: FARGATE` whose `TaskDefinition` is a `Ref` to \
            an `AWS::ECS::TaskDefinition` of the template fails to start its tasks when a \
            container's `LogConfiguration.LogDriver` is another one (`syslog`, `json-file`, \
            ...). Reported on the task definition's `LogDriver`. One of the per-resource \
            constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: "256"
                  Memory: "512"
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:latest
                      LogConfiguration:
                        LogDriver: awslogs
                        Options:
                          awslogs-group: /ecs/app
                          awslogs-region: us-east-1
                          awslogs-stream-prefix: app
              Service:
                Type: AWS::ECS::Service
                Properties:
                  Cluster: apps
                  LaunchType: FARGATE
                  TaskDefinition: !Ref Task
                  NetworkConfiguration:
                    AwsvpcConfiguration:
                      Subnets: [subnet-12345678]
            """
        ],
        failing: [
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: "256"
                  Memory: "512"
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:latest
                      LogConfiguration:
                        LogDriver: syslog # <-
              Service:
                Type: AWS::ECS::Service
                Properties:
                  Cluster: apps
                  LaunchType: FARGATE
                  TaskDefinition: !Ref Task
                  NetworkConfiguration:
                    AwsvpcConfiguration:
                      Subnets: [subnet-12345678]
            """
        ]
    )
}
