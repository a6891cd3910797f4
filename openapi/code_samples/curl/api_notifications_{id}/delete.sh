curl -X DELETE "https://www.audioscrape.com/api/notifications/1024" \
  -H "Authorization: Bearer $AUDIOSCRAPE_API_KEY"
