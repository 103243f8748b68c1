package corpus

// The word lists below are read, never written: they are the corpus's
// vocabulary, fixed so that the same N always gives the same bytes.

// categories are the blog's categories; every post has one.
var categories = []string{"개발", "회고", "생각", "여행", "일상", "독서", "운동", "인프라"}

// tags are the ~40 tags a post takes 2–4 of.
var tags = []string{
	"AWS", "Terraform", "Kubernetes", "Go", "파이썬", "데이터베이스", "장애", "모니터링",
	"배포", "보안", "테스트", "리팩터링", "코드리뷰", "오픈소스", "사이드프로젝트", "회고",
	"월간회고", "주간회고", "팀", "리더십", "이직", "면접", "글쓰기", "블로그",
	"책", "러닝", "마라톤", "등산", "제주", "도쿄", "서울", "커피",
	"맛집", "사진", "음악", "영어", "공부", "건강", "이사", "워크샵",
}

var subjects = kos("나", "우리 팀", "팀장님", "동료들", "친구", "후배", "인턴", "디자이너",
	"기획자", "운영팀", "고객사", "동생", "스터디원들", "옆 팀", "대표님", "룸메이트")

var objects = kos("배포 스크립트", "장애 리포트", "온콜 당번", "캐시 서버", "로그 수집기", "슬랙 알림",
	"회고 문서", "코드 리뷰", "테스트 환경", "예산 계획", "여행 일정", "운동 기록", "독서 목록",
	"점심 메뉴", "출근길", "노트북", "키보드", "블로그 테마", "사내 위키", "스프린트 계획",
	"데이터 파이프라인", "백업 정책", "권한 설정", "인증서", "도메인", "비용 보고서", "발표 자료",
	"면접 질문", "사이드 프로젝트", "마라톤 준비", "식단", "수면 패턴", "가계부", "이삿짐",
	"휴가 계획", "온보딩 문서", "기술 부채", "회의록", "API 문서", "대시보드", "일기장", "장비 목록")

// techs are the English names a Korean developer writes as they are.
var techs = []word{
	en("AWS", false), en("Terraform", true), en("RDS", false), en("EKS", false),
	en("CoreDNS", false), en("Go", false), en("Python", true), en("Kubernetes", false),
	en("Docker", false), en("Redis", false), en("PostgreSQL", true), en("MySQL", true),
	en("Kafka", false), en("Nginx", false), en("Grafana", false), en("Prometheus", false),
	en("GitHub Actions", false), en("Lambda", false), en("Helm", true), en("Slack", true),
	en("Notion", true), en("ArgoCD", false), en("Vim", true), en("S3", false),
}

var verbs = []string{"정리했다", "처음부터 다시 만들었다", "드디어 끝냈다", "꼼꼼히 점검했다",
	"자동화했다", "팀에 공유했다", "조금씩 고쳐 나갔다", "다른 방식으로 바꿨다", "며칠 미뤄 두었다",
	"기록으로 남겼다", "천천히 다시 읽었다", "손에 익을 때까지 반복했다", "옮기는 작업을 했다",
	"걷어 냈다", "새로 설계했다", "한 번 더 확인했다", "간단하게 줄였다", "밤늦게까지 붙잡고 있었다"}

var states = []string{"생각보다 오래 걸렸다", "의외로 금방 끝났다", "정말 재미있었다",
	"큰 도움이 되었다", "아직 숙제로 남아 있다", "조금 아쉬웠다", "기대보다 훨씬 좋았다",
	"점점 익숙해지고 있다", "다시 안정을 찾았다", "생각보다 단순했다", "꽤 까다로웠다", "무사히 넘어갔다"}

var whens = []string{"이번 주에는", "지난달에", "월요일 아침부터", "주말 내내", "퇴근하고 나서",
	"어제 저녁에", "오랜만에", "갑자기", "다행히", "결국", "새벽 두 시까지", "점심시간에",
	"출근하자마자", "연휴 동안", "한 달 내내", "금요일 오후에"}

var connectors = []string{"그리고", "하지만", "그래서", "다만", "그런데", "알고 보니",
	"솔직히 말하면", "무엇보다", "덧붙이자면", "한편으로는", "아,"}

var places = kos("서울", "부산", "제주", "강릉", "전주", "경주", "여수", "속초", "판교", "성수",
	"도쿄", "오사카", "타이베이", "다낭", "동네 카페", "한강 공원", "도서관", "회사 라운지")

var lessons = []string{"다음에는 더 잘할 수 있을 것 같다", "오래 기억에 남을 것 같다",
	"앞으로도 꾸준히 해 볼 생각이다", "생각보다 중요한 일이었다", "시야를 조금 넓혀 주었다",
	"팀 전체에 좋은 자극이 되었다", "올해 목표 중 하나였다", "작은 습관의 힘을 믿게 되었다"}

// asides are whole sentences with inline emoji, as the seed writes them.
var asides = []string{
	"힘들었지만 짧은 시간에 정말 많이 배웠다. 👍👍👍",
	"같이 고생한 팀원들에게 고맙다는 말을 꼭 하고 싶다. 🙏",
	"한 번 미루기 시작하니까 계속 미루게 되더라. 😅",
	"마치 신입 시절로 돌아간 기분이었다. 😄",
	"혼자였다면 절대 못 했을 일이다.",
	"다음 달에는 조금 더 여유를 가져 보려고 한다. 🙂",
	"역시 기록하는 습관이 중요하다는 걸 다시 느꼈다. ✍️",
	"세상에는 대단한 사람이 정말 많다. 🤔",
	"아직 부족하지만 조금씩 나아지고 있다고 믿는다. 🌱",
	"오랜만에 푹 자고 일어나니 세상이 달라 보였다. ☀️",
	"이 정도면 나름 괜찮은 한 달이었다고 생각한다. 🎉",
}

var enSubjects = []string{"The deploy pipeline", "Our staging cluster", "The nightly backup",
	"The new cache layer", "The on-call rotation", "The migration script", "The load balancer",
	"My side project", "The test suite", "The monitoring stack"}
var enThings = []string{"deploy pipeline", "staging cluster", "nightly backup", "cache layer",
	"build cache", "blog", "search index", "metrics"}
var enPredicates = []string{"broke again", "finally went green", "took twice as long as planned",
	"needed a rollback", "saved us more than once", "was surprisingly fast", "kept timing out",
	"turned out to be the real bottleneck"}
var enTails = []string{"on a Friday night", "after three retries", "in the end", "before lunch",
	"right after the release", "during the workshop", "without any warning", "this sprint"}

var quotes = []string{"일단 돌아가게 만들고, 그다음에 제대로 만들자", "측정하지 않으면 개선할 수 없다",
	"천천히 가도 멈추지만 않으면 된다", "장애는 언제나 금요일에 온다", "문서가 곧 코드다",
	"오늘 할 일을 내일로 미루지 말자"}

// headings are section titles; a post takes 3–6 different ones.
var headings = []string{"서버 장애", "회사 워크샵을 다녀왔다", "사이드 프로젝트 종료", "AWS 계정 이전 및 Terraform",
	"휴식", "새로운 시작", "읽은 책", "운동 기록", "이번 달 목표", "다음 달 계획", "아쉬웠던 점",
	"잘한 점", "배운 점", "코드 리뷰 문화", "팀 회고", "여행 준비", "맛집 탐방", "이사",
	"면접 후기", "블로그 이전", "성능 개선", "모니터링 구축", "장애 대응", "첫 발표", "스터디 시작",
	"건강 관리", "가족 여행", "새 노트북", "오픈소스 기여", "내가 매니징하던 프로젝트가 끝이 났다",
	"온콜 일주일", "비용 줄이기", "데이터베이스 업그레이드", "글쓰기 습관"}

// emojis for headings and titles: single code points, emoji with a
// variation selector (U+FE0F), ZWJ sequences, a skin tone and a flag.
var emojis = []string{
	"🧯", "🔥", "📕", "🚀", "🎉", "💡", "📚", "🌱", "🐛", "🍜", "🎧", "📷", "☕",
	"🖥️", "⏸️", "✈️", "❤️", "⚙️", "✍️", "☀️",
	"🏃‍♂️", "👩‍💻", "🧑‍🍳", "🏋️‍♀️", "👨‍👩‍👧", "🧑‍🤝‍🧑",
	"👍🏻", "🇰🇷",
}

var todo = []string{"정리하기", "다시 읽기", "자동화하기", "문서로 남기기", "점검하기", "줄이기",
	"기록하기", "공유하기", "미루지 않기", "한 번 더 보기"}

var books = []string{"함께 자라기", "데이터 중심 애플리케이션 설계", "클린 아키텍처", "여행의 이유",
	"아주 작은 습관의 힘", "프로그래머의 뇌", "소프트웨어 장인", "달리기를 말할 때 내가 하고 싶은 이야기"}

var links = []struct{ text, url string }{
	{"Terraform 문서", "https://developer.hashicorp.com/terraform/docs"},
	{"Go 블로그", "https://go.dev/blog/"},
	{"RDS 스냅샷 복원 안내", "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html"},
	{"Kubernetes 한국어 문서", "https://kubernetes.io/ko/docs/home/"},
	{"PostgreSQL 매뉴얼", "https://www.postgresql.org/docs/current/"},
	{"지난 회고", "https://example.org/posts/retro/"},
	{"CoreDNS 설정 예시", "https://coredns.io/manual/toc/"},
}
