package sitetest

// Blog is a small site in the seed's shape: Korean posts with emoji
// headings, categories and tags, a YAML post in English, a page bundle, a
// draft, a future post and a plain page. Many tests build it.
const Blog = `
-- config.toml --
baseURL = "https://example.org/"
title = "테스트 블로그"
languageCode = "ko"
timeZone = "Asia/Seoul"
paginate = 2
[[menus.main]]
name = "소개"
url = "/about/"
-- content/posts/retro.md --
+++
title = "[23년 5월 회고] 힘들었고, 즐거웠고"
date = 2023-05-31
categories = "생각"
tags = ["회고", "AWS"]
+++
이번 달은 바빴다 👍👍👍

<!--more-->

## [서버 장애 🧯]

RDS와 EKS, CoreDNS 이야기. [지난 글](aws.md#이전-계획)을 보자.

## [휴식 ⏸️]

쉬었다 😄
-- content/posts/aws.md --
+++
title = "AWS 계정 이전"
date = "2023-04-02 10:00"
categories = ["개발"]
tags = ["AWS", "Terraform"]
+++
## 이전 계획

` + "```go\nfunc main() {}\n```" + `
-- content/posts/hello.md --
---
title: Hello, world
date: 2022-01-01
categories: [Notes]
tags: [English]
---
An English post with a [link to the retro](retro.md).
-- content/posts/draft.md --
+++
title = "초안"
date = 2023-06-01
draft = true
categories = "생각"
+++
아직 쓰는 중
-- content/posts/future.md --
+++
title = "미래의 글"
date = 2030-01-01
+++
아직
-- content/posts/trip/index.md --
+++
title = "제주 여행"
date = 2023-03-01
categories = "여행"
cover = "sea.png"
+++
![바다](sea.png)
-- content/posts/trip/sea.png --
PNG
-- content/about.md --
+++
title = "소개"
+++
안녕하세요.
`
