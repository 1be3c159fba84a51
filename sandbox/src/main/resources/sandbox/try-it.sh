# Try it: an ECS service behind a load balancer, a Berth target following its repository, a good push
# and a bad one. Only the AWS CLI (and curl for the sandbox's own image behaviours); paste in a shell.
export AWS_ENDPOINT_URL=${ENDPOINT} AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=berthsandbox AWS_SECRET_ACCESS_KEY=berthsandbox
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SUBNET_A=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
SUBNET_B=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/24 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
SG=$(aws ec2 create-security-group --vpc-id $VPC --group-name try-web --description "tasks of try/web" --query GroupId --output text)
LB=$(aws elbv2 create-load-balancer --name try-web --subnets $SUBNET_A $SUBNET_B --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name try-web --protocol HTTP --port 8080 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG >/dev/null
manifest() { # a distinct image manifest per tag, so each push has its own digest
  printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1470,"digest":"sha256:%s"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3370628,"digest":"sha256:%s"}]}' \
    "$(printf 'config %s' "$1" | sha256sum | cut -c1-64)" "$(printf 'layer %s' "$1" | sha256sum | cut -c1-64)"
}
aws ecr create-repository --repository-name shop/web >/dev/null
aws ecr put-image --repository-name shop/web --image-tag 1.0.0 --image-manifest "$(manifest 1.0.0)" >/dev/null
aws ecs create-cluster --cluster-name try >/dev/null
aws ecs register-task-definition --family web --network-mode awsvpc --requires-compatibilities FARGATE --cpu 256 --memory 512 \
  --container-definitions '[{"name":"web","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.0.0","essential":true,"portMappings":[{"containerPort":8080}]}]' >/dev/null
aws ecs create-service --cluster try --service-name web --task-definition web --desired-count 2 --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_A,$SUBNET_B],securityGroups=[$SG]}" \
  --load-balancers targetGroupArn=$TG,containerName=web,containerPort=8080 >/dev/null
# Berth follows shop/web (semver >=1.0.0) for try/web, rolling, looking every 2 s, 60 s to be healthy:
aws dynamodb put-item --table-name TargetsTable --item '{"repository":{"S":"123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web"},
  "targetKey":{"S":"try/web"},"cluster":{"S":"try"},"service":{"S":"web"},"containers":{"L":[{"S":"web"}]},
  "tagPolicyKind":{"S":"semver"},"tagPolicy":{"S":">=1.0.0"},"concurrencyPolicy":{"S":"supersede"},
  "strategy":{"M":{"name":{"S":"rolling"},"healthDeadlineSeconds":{"N":"60"},"pollIntervalSeconds":{"N":"2"},"failureThreshold":{"N":"2"}}}}'
history() { aws dynamodb query --table-name DeploymentsTable --index-name byService --no-scan-index-forward \
  --key-condition-expression 'serviceKey = :s' --expression-attribute-values '{":s":{"S":"try/web"}}' \
  --query 'Items[].[startedAt.S,image.S,status.S,reason.S]' --output table; }
# A good push: ECR's event reaches Berth through EventBridge, and the service rolls to it (SUCCEEDED).
aws ecr put-image --repository-name shop/web --image-tag 1.1.0 --image-manifest "$(manifest 1.1.0)" >/dev/null
sleep 20; history
# A bad push: its health checks fail, Berth rolls the service back to 1.1.0 (ROLLED_BACK).
curl -s -X PUT ${ENDPOINT}/_berth/images/shop/web:1.2.0 -d '{"behaviour": "unhealthy"}' >/dev/null
aws ecr put-image --repository-name shop/web --image-tag 1.2.0 --image-manifest "$(manifest 1.2.0)" >/dev/null
sleep 30; history
aws ecs describe-services --cluster try --services web --query 'services[0].taskDefinition' --output text
