curl -X POST "https://www.audioscrape.com/api/notifications" \
  -H "Authorization: Bearer $AUDIOSCRAPE_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"search_term": "artificial intelligence", "webhook_url": "https://hooks.example.org/audioscrape"}'
