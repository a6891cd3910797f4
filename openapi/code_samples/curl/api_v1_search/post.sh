curl -X POST "https://www.audioscrape.com/api/v1/search" \
  -H "Authorization: Bearer $AUDIOSCRAPE_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"query": "artificial intelligence", "limit": 5}'
