package corpus

import (
	"strconv"
	"strings"
)

// snippets are fenced code blocks by language. «name», «svc», «port» and
// «n» are filled in per post so that the blocks are not all alike.
var snippets = map[string][]string{
	"go": {`func (s *«name»Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), «n»*time.Second)
	defer cancel()
	// DB까지 확인해야 진짜 살아 있는 것이다
	if err := s.db.PingContext(ctx); err != nil {
		http.Error(w, "db: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ok")
}`, `type «name»Cache struct {
	mu      sync.Mutex
	entries map[string]entry
	ttl     time.Duration
}

func (c *«name»Cache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || time.Since(e.at) > c.ttl {
		return nil, false // 만료된 항목은 없는 것과 같다
	}
	return e.data, true
}`, `func main() {
	addr := flag.String("addr", ":«port»", "listen address")
	flag.Parse()
	log.Printf("«svc» 서버 시작: %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, newRouter()))
}`},
	"python": {`def load_«lname»(path: str) -> list[dict]:
    """CSV를 읽어서 날짜순으로 정렬한다."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: r["date"])
    return rows[-«n»:]`, `import boto3

rds = boto3.client("rds", region_name="ap-northeast-2")
snapshots = rds.describe_db_snapshots(DBInstanceIdentifier="«svc»-db")
for snap in snapshots["DBSnapshots"][:«n»]:
    print(snap["DBSnapshotIdentifier"], snap["SnapshotCreateTime"])`, `@dataclass
class «name»Report:
    title: str
    minutes: int = 0
    tags: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.title} ({self.minutes}분)"`},
	"bash": {`# 스냅샷으로 복원한 뒤 엔드포인트를 바꾼다
aws rds restore-db-instance-from-db-snapshot \
  --db-instance-identifier «svc»-restored \
  --db-snapshot-identifier «svc»-snap-«n»
aws rds wait db-instance-available --db-instance-identifier «svc»-restored`, `cd infra/«svc»
terraform init -upgrade
terraform plan -out=plan.out   # plan은 꼭 눈으로 확인하자
terraform apply plan.out`, `kubectl -n kube-system rollout restart deployment/coredns
kubectl -n «svc» get pods -o wide | grep -v Running
for i in $(seq 1 «n»); do curl -s -o /dev/null -w "%{http_code}\n" localhost:«port»/healthz; done`},
	"yaml": {`apiVersion: apps/v1
kind: Deployment
metadata:
  name: «svc»
spec:
  replicas: «n»
  template:
    spec:
      containers:
        - name: «svc»
          image: registry.example.org/«svc»:1.«n».0
          ports:
            - containerPort: «port»`, `name: deploy
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test   # 테스트가 «n»분을 넘기면 안 된다
      - run: make deploy SERVICE=«svc»`},
	"sql": {`-- 최근 «n»일 동안 가장 많이 읽힌 글
SELECT p.title, count(*) AS views
FROM page_views v
JOIN posts p ON p.id = v.post_id
WHERE v.viewed_at > now() - interval '«n» days'
GROUP BY p.title
ORDER BY views DESC
LIMIT 10;`, `CREATE INDEX CONCURRENTLY idx_«lname»_created_at
    ON «lname»_events (created_at);
ANALYZE «lname»_events;`},
	"json": {`{
  "service": "«svc»",
  "port": «port»,
  "retries": «n»,
  "message": "배포 완료 🚀"
}`},
	"typescript": {`export async function fetch«name»(id: string): Promise<«name»> {
  const res = await fetch(` + "`/api/«svc»/${id}`" + `);
  if (!res.ok) {
    throw new Error(` + "`«svc» 요청 실패: ${res.status}`" + `);
  }
  return res.json();
}`},
	"dockerfile": {`FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/«svc» ./cmd/«svc»

FROM gcr.io/distroless/base-debian12
COPY --from=build /out/«svc» /«svc»
EXPOSE «port»
ENTRYPOINT ["/«svc»"]`},
}

// codeLangs lists snippets' keys in a fixed order (map order is random).
var codeLangs = []string{"go", "python", "bash", "yaml", "sql", "json", "typescript", "dockerfile"}

var codeNames = []string{"Post", "Feed", "Retro", "Deploy", "Backup", "Health", "Search", "Tag", "Queue", "Billing"}
var services = []string{"api", "worker", "blog", "gateway", "search", "notifier", "batch", "auth"}

// codeBlock returns one fenced code block.
func codeBlock(r *rng) string {
	lang := oneOf(r, codeLangs)
	name := oneOf(r, codeNames)
	s := strings.NewReplacer(
		"«name»", name,
		"«lname»", strings.ToLower(name),
		"«svc»", oneOf(r, services),
		"«port»", strconv.Itoa(r.rangeIn(3000, 9999)),
		"«n»", strconv.Itoa(r.rangeIn(2, 30)),
	).Replace(oneOf(r, snippets[lang]))
	return "```" + lang + "\n" + s + "\n```"
}
